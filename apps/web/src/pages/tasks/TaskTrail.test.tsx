import { screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { TrailTimeline, type TrailEvent } from "./TaskTrail.tsx";

const office = { id: "u1", name: "王主任" };
const lead = { id: "u2", name: "李科员" };
const d1 = { id: "d1", name: "科学技术局" };
const d2 = { id: "d2", name: "农业农村局" };

const events: TrailEvent[] = [
  {
    type: "assigned",
    id: "a",
    at: "2026-01-05T01:00:00.000Z",
    actor: null,
    unit: d2,
    from: null,
    via: "created",
  },
  {
    type: "assigned",
    id: "b",
    at: "2026-01-06T01:00:00.000Z",
    actor: office,
    unit: d1,
    from: d2,
    via: "reassigned",
  },
  { type: "acknowledged", id: "c", at: "2026-01-07T01:00:00.000Z", actor: lead, unit: d1 },
  {
    type: "reportSubmitted",
    id: "r",
    at: "2026-04-02T01:00:00.000Z",
    actor: lead,
    entryId: "e1",
    period: "2026Q1",
    unit: d1,
    revision: 1,
    percentComplete: 30,
    status: "IN_PROGRESS",
    progressText: "完成调研",
    late: true,
    evidence: [{ id: "f1", fileName: "调研报告.pdf", size: 10, url: "/api/evidence/f1" }],
  },
  {
    type: "noticeIssued",
    id: "n",
    at: "2026-05-01T01:00:00.000Z",
    actor: office,
    noticeId: "n1",
    number: "督办通知单〔2026〕第3号",
    level: "YELLOW",
    unit: d1,
    requirement: "请于五日内说明滞后原因",
    replyDueDate: "2026-05-08",
    documentUrl: "/api/notices/n1/document",
  },
  {
    type: "changeRequested",
    id: "q",
    at: "2026-05-02T01:00:00.000Z",
    actor: lead,
    requestId: "q1",
    kind: "EXTENSION",
    state: "APPROVED",
    declined: false,
    late: false,
    unit: d1,
    reason: "资金未到位",
    proposedDueDate: "2026-12-31",
    proposedUnit: null,
    proposedTargetValue: null,
    evidence: [],
  },
  {
    type: "changeDecided",
    id: "qd",
    at: "2026-05-03T01:00:00.000Z",
    actor: office,
    requestId: "q1",
    kind: "EXTENSION",
    by: "office",
    approved: true,
    comment: null,
  },
  {
    type: "completionDecided",
    id: "cd",
    at: "2026-12-20T01:00:00.000Z",
    actor: office,
    applicationId: "a1",
    approved: true,
    rating: "EXCELLENT",
    comment: "按期高质量完成",
  },
];

describe("the task's trail (办理轨迹)", () => {
  it("shows each step in order with who, when, and its files", () => {
    renderWithProviders(
      <MemoryRouter>
        <TrailTimeline events={events} />
      </MemoryRouter>,
    );
    const items = [...document.querySelectorAll(".ant-timeline-item")].map((i) => i.textContent);
    expect(items).toHaveLength(events.length);
    expect(items[0]).toContain("交办给 农业农村局");
    expect(items[0]).toContain("系统");
    expect(items[1]).toContain("改由 科学技术局 牵头（原 农业农村局）");
    expect(items[1]).toContain("王主任");
    expect(items[2]).toContain("科学技术局 签收");
    expect(items[3]).toContain("科学技术局 报送2026年第一季度台账：30%");
    expect(items[3]).toContain("逾期");
    expect(items[4]).toContain("督办通知单〔2026〕第3号");
    expect(items[4]).toContain("回复期限 2026-05-08");
    expect(items[5]).toContain("申请延至 2026-12-31");
    expect(items[6]).toContain("办公室同意延期申请");
    expect(items[7]).toContain("评价：优秀");
    expect(screen.getByText("调研报告.pdf").getAttribute("href")).toBe("/api/evidence/f1");
    expect(screen.getByText("督办单（Word）").getAttribute("href")).toBe(
      "/api/notices/n1/document",
    );
  });
  it("says so when nothing happened yet", () => {
    renderWithProviders(<TrailTimeline events={[]} />);
    expect(screen.getByText("暂无办理记录")).toBeTruthy();
  });
});
