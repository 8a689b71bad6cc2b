import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../../test/render.tsx";
import { NoticeCard } from "./TaskNotices.tsx";

const notice = {
  id: "6f1c1c52-6c55-4c1e-9a55-2f4a3f0b8a01",
  year: 2026,
  number: 3,
  level: "RED" as const,
  taskId: "0b7c2f8e-1d0c-4f5e-8f63-5a8d2c1b9e02",
  taskTitle: "建设科技创新平台",
  title: "督办通知单〔2026〕第3号",
  departmentId: "d1",
  departmentName: "科学技术局",
  requirement: "请于一周内报送整改方案",
  replyDueDate: "2026-12-08",
  issuingOffice: "西丰县科技创新工作领导小组办公室",
  issuedAt: new Date("2026-12-01T02:00:00Z"),
  replies: [
    {
      id: "r1",
      text: "已制定整改方案",
      repliedAt: new Date("2026-12-02T02:00:00Z"),
      departmentId: "d1",
      evidence: [{ id: "e1", fileName: "整改方案.pdf", size: 1000 }],
    },
  ],
  canReply: false,
};

describe("a task's 督办通知单", () => {
  it("shows the number, the level, the .docx link, the requirement and the replies with evidence", () => {
    renderWithProviders(<NoticeCard notice={notice} />);
    expect(screen.getByText("红色督办")).toBeTruthy();
    expect(screen.getByText("督办通知单〔2026〕第3号")).toBeTruthy();
    expect(screen.getByText("下载 .docx").getAttribute("href")).toBe(
      `/api/notices/${notice.id}/document`,
    );
    expect(screen.getByText("请于一周内报送整改方案")).toBeTruthy();
    expect(screen.getByText("已制定整改方案")).toBeTruthy();
    expect(screen.getByText("整改方案.pdf").getAttribute("href")).toBe("/api/evidence/e1");
    // the office reads; only the urged unit gets the reply form
    expect(screen.queryByRole("button", { name: "提交回复" })).toBeNull();
  });

  it("the urged unit gets the reply form and an evidence upload on its replies", () => {
    renderWithProviders(<NoticeCard notice={{ ...notice, canReply: true }} />);
    expect(screen.getByRole("button", { name: "提交回复" })).toBeTruthy();
    // jsdom has no viewport width, so the phone's labels show (选择文件 beside 拍照)
    expect(screen.getByRole("button", { name: /上传佐证|选择文件/ })).toBeTruthy();
  });

  it("a notice nobody answered says so", () => {
    renderWithProviders(<NoticeCard notice={{ ...notice, replies: [] }} />);
    expect(screen.getByText("未回复")).toBeTruthy();
  });
});
