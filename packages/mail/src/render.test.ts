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
    },
    "password-reset": {
      name: evil,
      url: "https://duban.example.gov.cn/reset-password?token=a&b=<c>",
      expiresMinutes: 60,
    },
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
