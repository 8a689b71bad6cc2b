import { describe, expect, it } from "vitest";

import type { NotificationPayloads, OutboxKind } from "@duban/domain";

import { escapeHtml, html } from "./html.ts";
import {
  mailPartOf,
  renderDigest,
  renderEmail,
  UnknownMailKindError,
  type MailPart,
} from "./render.ts";

const ctx = { baseUrl: "https://duban.example.gov.cn/" };
const evil = `<script>alert("x")</script>&'`;

describe("escaping", () => {
  it("escapes every special character", () => {
    expect(escapeHtml(evil)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
  });
  it("escapes interpolations but keeps nested html", () => {
    expect(html`<b>${evil}</b>${html`<i>${"<"}</i>`}`.value).toBe(
      `<b>${escapeHtml(evil)}</b><i>&lt;</i>`,
    );
  });
});

/** The task every supervision-loop sample is about: its title is hostile text. */
const task = { taskId: "t1", taskTitle: evil, planTitle: evil, departmentName: evil };
const cascadeRef = {
  assignmentId: "a1",
  kind: "TASK" as const,
  parentTitle: evil,
  parentPlanTitle: evil,
  fromJurisdictionName: evil,
  toJurisdictionName: evil,
  assigningOffice: evil,
  decomposeBy: "2026-12-04",
  note: evil,
};

describe("templates", () => {
  const samples: { [K in OutboxKind]: NotificationPayloads[K] } = {
    "due-soon": {
      day: "2023-12-31",
      items: [
        {
          type: "milestone",
          taskId: "t1",
          title: evil,
          taskTitle: evil,
          planTitle: evil,
          departmentName: evil,
          dueDate: "2024-01-01",
          daysLeft: 1,
          threshold: 1,
        },
      ],
    },
    overdue: {
      day: "2024-01-02",
      total: 3,
      items: [
        {
          taskId: "t1",
          title: evil,
          dueDate: "2023-12-01",
          daysOverdue: 32,
          planTitle: evil,
          departmentName: evil,
        },
      ],
    },
    "overdue-escalation": {
      day: "2024-01-02",
      total: 1,
      escalationDays: 14,
      items: [
        {
          taskId: "t1",
          title: evil,
          dueDate: "2023-12-01",
          daysOverdue: 32,
          planTitle: evil,
          departmentName: evil,
        },
      ],
    },
    "cycle-reminder": {
      planTitle: evil,
      period: "2023Q2",
      periodLabel: "2023年第二季度",
      dueDate: "2023-07-10",
      items: [{ taskId: "t1", title: evil, role: "lead", departmentName: evil }],
    },
    "quarterly-summary": {
      planId: "p1",
      planTitle: evil,
      jurisdictionId: "j1",
      jurisdictionName: evil,
      period: "2023Q2",
      periodLabel: "2023年第二季度",
      asOf: "2023-06-30",
      totals: {
        total: 1,
        completed: 0,
        onSchedule: 0,
        lagging: 1,
        overdue: 0,
        red: 0,
        yellow: 1,
        green: 0,
        dueSoon: 0,
      },
      bands: { yellowLagPoints: 10, redLagPoints: 30, dueSoonDays: 15 },
      departments: [
        {
          name: evil,
          total: 1,
          completed: 0,
          onSchedule: 0,
          lagging: 1,
          overdue: 0,
          red: 0,
          yellow: 1,
          dueSoon: 0,
          completionRate: 0,
          reportedProgress: 10,
          expectedProgress: 50,
        },
      ],
      problemCount: 1,
      problems: [
        {
          title: evil,
          departmentName: evil,
          schedule: "滞后",
          light: "黄灯",
          progress: 10,
          expectedProgress: 50,
          dueDate: "2023-12-31",
        },
      ],
      ledger: [
        {
          departmentName: evil,
          expected: 2,
          submitted: 1,
          onTime: 1,
          late: 0,
          completeness: 50,
          timeliness: 50,
        },
      ],
      indicators: [
        {
          number: 1,
          name: evil,
          unit: "%",
          baseline: 1,
          target: 5,
          targetYear: 2025,
          expected: 2.5,
          actual: null,
          standing: "暂无数据",
        },
      ],
      cascade: {
        children: [
          {
            jurisdictionId: "j2",
            jurisdictionName: evil,
            received: 2,
            decomposed: 1,
            pending: 1,
            late: 1,
            progress: 20,
            tasks: 3,
            lagging: 1,
            overdue: 0,
            reportsExpected: 2,
            reportsSubmitted: 1,
            completeness: 50,
          },
        ],
        problemCount: 0,
        problems: [],
        owed: [
          {
            assignmentId: "a1",
            kind: "TASK",
            parentTitle: evil,
            parentPlanTitle: evil,
            fromJurisdictionName: evil,
            decomposeBy: "2023-05-31",
            state: "待分解",
            lateness: "逾期未分解",
            decomposedOn: null,
            shareTarget: null,
            progress: 0,
          },
        ],
      },
    },
    "password-reset": {
      name: evil,
      url: "https://duban.example.gov.cn/reset-password?token=a&b=<c>",
      expiresMinutes: 60,
    },
    "account-linked": {
      name: evil,
      change: "changed",
      externalIdMasked: "****1234",
      byName: evil,
      at: "2026-12-03 16:20",
    },
    "task-assigned": { ...task, dueDate: "2026-06-30", reassigned: false, assignedBy: evil },
    "acknowledge-reminder": {
      day: "2026-12-01",
      items: [{ ...task, assignedOn: "2026-11-20", workingDaysWaiting: 7 }],
    },
    "change-request": {
      ...task,
      requestId: "r1",
      kind: "EXTENSION",
      declined: false,
      reason: `${evil}\n第二行`,
      proposedDueDate: "2026-09-30",
      requestedBy: evil,
      awaiting: "office",
    },
    "change-request-decided": {
      ...task,
      requestId: "r1",
      kind: "EXTENSION",
      approved: true,
      comment: evil,
      decidedBy: evil,
      newDueDate: "2026-09-30",
    },
    "completion-applied": {
      ...task,
      applicationId: "c1",
      summary: evil,
      evidenceCount: 2,
      appliedBy: evil,
    },
    "completion-decided": {
      ...task,
      applicationId: "c1",
      approved: true,
      comment: evil,
      rating: "EXCELLENT",
      decidedBy: evil,
    },
    "supervision-notice": {
      ...task,
      noticeId: "n1",
      noticeNumber: "督办通知单〔2026〕第3号",
      level: "YELLOW",
      requirement: evil,
      replyDueDate: "2026-12-10",
      issuingOffice: evil,
      copiedToLeaders: true,
    },
    "notice-reply": {
      ...task,
      noticeId: "n1",
      noticeNumber: "督办通知单〔2026〕第3号",
      text: evil,
      repliedBy: evil,
    },
    instruction: {
      instructionId: "i1",
      target: "TASK",
      planTitle: evil,
      taskId: "t1",
      taskTitle: evil,
      indicatorId: null,
      indicatorName: null,
      period: null,
      text: evil,
      leaderName: evil,
    },
    bulletin: {
      bulletinId: "b1",
      docNumber: evil,
      title: evil,
      period: "2026Q3",
      periodLabel: "2026年第三季度",
      issuingOffice: evil,
      issuedOn: "2026-11-30",
      unitCount: 7,
    },
    "annual-plan-issued": {
      annualPlanId: "a1",
      title: evil,
      year: 2026,
      planTitle: evil,
      docNumber: evil,
      issuingOffice: evil,
      departmentName: evil,
      items: [{ taskId: "t1", taskTitle: evil, deliverable: evil, dueDate: "2026-12-31" }],
    },
    "cascade-assigned": {
      event: "withdrawn",
      assignmentId: "as1",
      assignmentKind: "INDICATOR",
      itemTitle: evil,
      fromJurisdiction: evil,
      toJurisdiction: evil,
      actingOffice: evil,
      decomposeBy: "2026-12-31",
      weight: 2,
      shareTarget: 12,
      unit: evil,
      note: evil,
      reason: evil,
      taskCount: null,
    },
    "cascade-decompose-soon": {
      ...cascadeRef,
      day: "2026-12-01",
      daysLeft: 3,
      threshold: 3,
    },
    "cascade-late": { ...cascadeRef, day: "2026-12-08", daysLate: 3, audience: "assigning" },
  };
  const part = <K extends OutboxKind>(kind: K, subject: string) =>
    ({ kind, subject, payload: samples[kind] }) as MailPart;
  for (const kind of Object.keys(samples) as OutboxKind[]) {
    it(`${kind}: Chinese HTML and text, nothing unescaped`, () => {
      const out = renderEmail(part(kind, `主题 ${evil}`), ctx);
      expect(out.html).not.toContain("<script>");
      expect(out.html).toContain("&lt;script&gt;");
      expect(out.html).toMatch(/[\u4e00-\u9fff]/);
      expect(out.text).toContain(evil);
      expect(out.text).toMatch(/[\u4e00-\u9fff]/);
    });
  }
  it("account-linked says what changed, by whom and when, and to tell the office", () => {
    for (const change of ["linked", "changed", "unlinked"] as const) {
      const out = renderEmail(
        {
          kind: "account-linked",
          subject: "关联变更",
          payload: { ...samples["account-linked"], change, byName: "县督办办张三" },
        },
        ctx,
      );
      expect(out.text).toContain("县督办办张三");
      expect(out.text).toContain("2026-12-03 16:20");
      expect(out.text).toContain("联系领导小组办公室");
      expect(out.text).toContain(change === "unlinked" ? "已解除" : "****1234");
    }
  });
  it("password-reset carries the link and the expiry", () => {
    const out = renderEmail(
      { kind: "password-reset", subject: "重置密码", payload: samples["password-reset"] },
      ctx,
    );
    expect(out.html).toContain(
      'href="https://duban.example.gov.cn/reset-password?token=a&amp;b=&lt;c&gt;"',
    );
    expect(out.text).toContain("60 分钟");
  });
  it("links use the base URL without a double slash", () => {
    expect(
      renderEmail({ kind: "due-soon", subject: "s", payload: samples["due-soon"] }, ctx).html,
    ).toContain("https://duban.example.gov.cn/tasks/t1");
  });
  it("rejects an unknown kind", () => {
    expect(() => mailPartOf({ kind: "nope", subject: "s", payload: {} })).toThrow(
      UnknownMailKindError,
    );
    expect(mailPartOf({ kind: "overdue", subject: "s", payload: samples.overdue }).kind).toBe(
      "overdue",
    );
  });
  it("takes each kind's payload only (a mismatch does not compile)", () => {
    const dueSoon = samples["due-soon"];
    // @ts-expect-error a due-soon payload is not an overdue one
    const wrong: MailPart = { kind: "overdue", subject: "s", payload: dueSoon };
    // what the compile error prevents: the wrong payload renders holes, not an error
    expect(renderEmail(wrong, ctx).text).toContain("您负责的 undefined 项");
  });
  const loopKinds = [
    "task-assigned",
    "acknowledge-reminder",
    "change-request",
    "change-request-decided",
    "completion-applied",
    "completion-decided",
    "supervision-notice",
    "notice-reply",
    "instruction",
  ] as const satisfies readonly OutboxKind[];
  for (const kind of loopKinds) {
    it(`${kind}: names the task, links /tasks/<id>, says it in Chinese and in one English line`, () => {
      const out = renderEmail(part(kind, `【督办】${kind}`), ctx);
      expect(out.html).toContain('href="https://duban.example.gov.cn/tasks/t1"');
      expect(out.text).toContain("https://duban.example.gov.cn/tasks/t1");
      // the task title (hostile) is in both, escaped in the HTML
      expect(out.html).toContain(escapeHtml(evil));
      expect(out.text).toContain(evil);
      expect(out.html).toMatch(/<p style="color:#71717a">[^<]*[A-Za-z]{4}/);
      expect(out.html).not.toMatch(/<script|alert\("x"\)/);
    });
  }
  it("labels come from @duban/domain: request kind, rating, notice level, decision", () => {
    const text = (kind: OutboxKind) => renderEmail(part(kind, "s"), ctx).text;
    expect(text("change-request")).toContain("延期申请");
    expect(text("change-request")).toContain("申请完成时限：2026-09-30");
    expect(text("change-request")).toContain("第二行");
    expect(text("change-request-decided")).toContain("已批准");
    expect(text("change-request-decided")).toContain("2026-09-30");
    expect(text("completion-applied")).toContain("佐证材料：2 份");
    expect(text("completion-decided")).toContain("优秀");
    expect(text("supervision-notice")).toContain("督办通知单〔2026〕第3号");
    expect(text("supervision-notice")).toContain("黄色督办");
    expect(text("supervision-notice")).toContain("2026-12-10");
    expect(text("supervision-notice")).toContain("抄送：分管领导");
    expect(text("acknowledge-reminder")).toContain("已等待 7 个工作日");
    expect(text("task-assigned")).toContain("完成时限：2026-06-30");
  });
  it("a declined task, a returned completion and a rejected request say so", () => {
    const r = (kind: OutboxKind, payload: object) =>
      renderEmail({ kind, subject: "s", payload } as MailPart, ctx).text;
    expect(
      r("change-request", {
        ...samples["change-request"],
        declined: true,
        kind: "REASSIGNMENT",
        proposedDueDate: null,
        awaiting: "leader",
      }),
    ).toMatch(/不属于本单位职责[\s\S]*分管领导审批/);
    expect(
      r("completion-decided", { ...samples["completion-decided"], approved: false, rating: null }),
    ).toContain("退回意见");
    expect(
      r("change-request-decided", {
        ...samples["change-request-decided"],
        approved: false,
        newDueDate: null,
        comment: null,
      }),
    ).toContain("未获批准");
    expect(r("task-assigned", { ...samples["task-assigned"], reassigned: true })).toContain(
      "调整由贵单位牵头",
    );
  });
  it("an instruction on an indicator links the indicators page with the indicator", () => {
    const out = renderEmail(
      {
        kind: "instruction",
        subject: "领导批示",
        payload: {
          ...samples.instruction,
          target: "INDICATOR",
          taskId: null,
          taskTitle: null,
          indicatorId: "ind-1",
          indicatorName: evil,
        },
      },
      ctx,
    );
    expect(out.html).toContain('href="https://duban.example.gov.cn/indicators?indicator=ind-1"');
    expect(out.html).not.toContain("/tasks/");
    expect(out.text).toContain("批示对象：指标");
  });
  it("a digest merges loop kinds with the jobs' kinds (the payload's digest marker is ignored)", () => {
    const kinds: OutboxKind[] = ["overdue", ...loopKinds];
    const d = renderDigest(
      kinds.map(
        (kind) =>
          ({
            kind,
            subject: `主题-${kind}`,
            payload: { ...samples[kind], _delivery: "DIGEST" },
          }) as unknown as MailPart,
      ),
      { ...ctx, day: "2026-12-01" },
    );
    expect(d.subject).toContain(`${kinds.length} 条`);
    for (const kind of kinds) {
      expect(d.html).toContain(`主题-${kind}`);
      expect(d.text).toContain(`== 主题-${kind} ==`);
    }
    expect(d.html).not.toContain("<script>");
    expect(
      d.html.match(/https:\/\/duban\.example\.gov\.cn\/tasks\/t1/g)!.length,
    ).toBeGreaterThanOrEqual(kinds.length);
  });
  it("merges several notifications into one digest", () => {
    const d = renderDigest(
      [
        { kind: "due-soon", subject: "到期提醒", payload: samples["due-soon"] },
        { kind: "overdue", subject: "逾期日报", payload: samples.overdue },
      ],
      { ...ctx, day: "2024-01-02" },
    );
    expect(d.subject).toContain("2 条");
    expect(d.html).toContain("到期提醒");
    expect(d.html).toContain("逾期日报");
    expect(d.text).toContain("== 逾期日报 ==");
  });
});
