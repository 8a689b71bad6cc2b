import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";

import { buildNoticeDocx, type NoticeDocument } from "./notice-docx.ts";

const notice: NoticeDocument = {
  year: 2026,
  number: 3,
  level: "RED",
  departmentName: "西丰县科学技术局",
  task: {
    title: "建设科技创新平台",
    planTitle: "西丰县“十四五”科技创新规划",
    dueDate: "2025-12-31",
    status: "推进中",
    schedule: "已逾期",
    progress: 40,
    expectedProgress: 100,
  },
  requirement: "请于一周内制定整改方案\u0000并明确责任人",
  replyDueDate: "2026-12-08",
  issuingOffice: "西丰县科技创新工作领导小组办公室",
  issuedOn: "2026-12-01",
  copiedTo: ["张县长", "李副县长"],
};

const textOf = async (buffer: Buffer) => {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  return { xml, text: [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("") };
};

describe("督办通知单 (.docx)", () => {
  it("reads back with the number, level, unit, task, requirement, reply deadline, office, date and 抄送", async () => {
    const buffer = await buildNoticeDocx(notice);
    const { xml, text } = await textOf(buffer);
    expect(text).toContain("督办通知单");
    expect(text).toContain("〔2026〕第3号");
    expect(text).toContain("红色督办");
    expect(text).toContain("西丰县科学技术局：");
    expect(text).toContain("建设科技创新平台");
    expect(text).toContain("2025年12月31日");
    // a character XML cannot carry becomes U+FFFD, never a broken file
    expect(text).toContain("请于一周内制定整改方案\uFFFD并明确责任人");
    expect(text).toContain("请于2026年12月8日前将办理情况书面回复");
    expect(text).toContain("西丰县科技创新工作领导小组办公室");
    expect(text).toContain("2026年12月1日");
    expect(text).toContain("抄送：张县长，李副县长。");
    // the fonts Word uses for official documents
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    const { value } = await mammoth.extractRawText({ buffer });
    // GB/T 9704: the 发文字号 heads the page above the red rule, then the title
    expect(value.split("\n").filter(Boolean).slice(0, 2)).toEqual(["〔2026〕第3号", "督办通知单"]);
  });

  it("blue and yellow notices have no 抄送 line", async () => {
    for (const level of ["BLUE", "YELLOW"] as const) {
      const { text } = await textOf(await buildNoticeDocx({ ...notice, level, copiedTo: null }));
      expect(text).toContain(level === "BLUE" ? "蓝色提醒" : "黄色督办");
      expect(text).not.toContain("抄送");
    }
  });
});
