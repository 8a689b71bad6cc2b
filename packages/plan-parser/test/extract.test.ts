// extractPlanText on real files built in the test: .txt (UTF-8, GB18030, UTF-16), .docx, .pdf, and every error code.
import { describe, expect, it } from "vitest";

import { extractPlanText, parsePlan, PlanInputError, type InputErrorCode } from "../src/index.ts";
import { chinesePdf, chinesePdfPages, latinPdf } from "./helpers/pdf.ts";
import { LONGLI } from "./helpers/seeds.ts";
import { docx, zip } from "./helpers/zip.ts";

const PLAN_LINES = [
  "某县“十四五”科技创新规划",
  "一、发展基础",
  "（一）科技投入",
  "全县研究与试验发展经费投入持续增长，科技创新能力不断增强。",
  "二、主要任务",
  "1.培育科技型企业",
  "建立科技型企业培育库，开展精准服务。",
];

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

const rejectsWith = async (p: Promise<unknown>, code: InputErrorCode) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanInputError);
  expect((error as PlanInputError).code).toBe(code);
  expect((error as PlanInputError).message).toMatch(/^[\u4e00-\u9fff].*\(.+\)/u);
};

describe("extractPlanText", () => {
  it("reads UTF-8 text (with BOM) and .md", async () => {
    const out = await extractPlanText(utf8(`\ufeff${LONGLI}`), "plan.txt");
    expect(out.format).toBe("text");
    expect(parsePlan(out.text).title).toBe("龙里县“十四五”科技创新规划（2021—2025年）");
    expect((await extractPlanText(utf8(LONGLI), "PLAN.MD")).format).toBe("text");
  });

  it("falls back to GB18030 when the bytes are not UTF-8", async () => {
    // "科技创新规划" repeated, encoded by hand in GBK (GB18030 is a superset).
    const gbk = [0xbf, 0xc6, 0xbc, 0xbc, 0xb4, 0xb4, 0xd0, 0xc2, 0xb9, 0xe6, 0xbb, 0xae];
    const bytes = new Uint8Array(Array.from({ length: 10 }, () => gbk).flat());
    expect((await extractPlanText(bytes, "gbk.txt")).text).toBe("科技创新规划".repeat(10));
  });

  it("decodes UTF-16 with a BOM", async () => {
    const body = Buffer.from("科技创新规划".repeat(10), "utf16le");
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect((await extractPlanText(bytes, "u16.txt")).text).toBe("科技创新规划".repeat(10));
  });

  it("extracts a real .docx", async () => {
    const out = await extractPlanText(docx(PLAN_LINES), "plan.docx");
    expect(out.format).toBe("docx");
    const r = parsePlan(out.text);
    expect(r.title).toBe("某县“十四五”科技创新规划");
    expect(r.nodes.map((n) => n.code)).toEqual(["一", "一.（一）", "二", "二.1"]);
  });

  it("extracts a real .pdf with Chinese text (Type0 font + ToUnicode)", async () => {
    const out = await extractPlanText(chinesePdf(PLAN_LINES), "plan.pdf");
    expect(out.format).toBe("pdf");
    expect(out.text).toContain("全县研究与试验发展经费投入持续增长");
    expect(parsePlan(out.text).nodes.map((n) => n.code)).toEqual(["一", "一.（一）", "二", "二.1"]);
  });

  it("reports progress after each PDF page and once for a .docx", async () => {
    const seen: string[] = [];
    const onProgress = (p: { pagesRead: number; pages: number }) =>
      seen.push(`${p.pagesRead}/${p.pages}`);
    const out = await extractPlanText(chinesePdfPages(PLAN_LINES, 3), "plan.pdf", { onProgress });
    expect(out.text.split("\n")).toEqual(PLAN_LINES);
    expect(seen).toEqual(["1/3", "2/3", "3/3"]);
    seen.length = 0;
    await extractPlanText(docx(PLAN_LINES), "plan.docx", { onProgress });
    expect(seen).toEqual(["1/1"]);
    seen.length = 0;
    await extractPlanText(utf8(PLAN_LINES.join("\n")), "plan.txt", { onProgress });
    expect(seen).toEqual([]);
  });

  it("reads Kangxi radicals and compatibility ideographs as the ideographs they stand for", async () => {
    // ⼀ U+2F00, ⼆ U+2F06, ⽅ U+2F45, compatibility U+F9B2 → 一 二 方 零
    const lines = PLAN_LINES.map((l) => l.replace(/一/gu, "⼀").replace(/二/gu, "⼆"));
    const pdf = await extractPlanText(chinesePdf([...lines, "⽅案 \uf9b2"]), "plan.pdf");
    expect(pdf.text).toContain("方案 零");
    expect(parsePlan(pdf.text).nodes.map((n) => n.code)).toEqual(["一", "一.（一）", "二", "二.1"]);
    const txt = await extractPlanText(utf8(lines.join("\n")), "plan.txt");
    expect(txt.text).toBe(PLAN_LINES.join("\n"));
  });

  it("extracts a Latin-only .pdf, then rejects it as not Chinese", async () => {
    await rejectsWith(
      extractPlanText(latinPdf(["Five-year plan", "Science and technology"]), "plan.pdf"),
      "NOT_CHINESE",
    );
  });

  it("rejects an empty file", async () => {
    await rejectsWith(extractPlanText(new Uint8Array(0), "plan.txt"), "EMPTY");
    await rejectsWith(extractPlanText(utf8("   \n\n  "), "plan.txt"), "EMPTY");
    await rejectsWith(extractPlanText(docx([]), "plan.docx"), "EMPTY");
  });

  it("rejects binary content in a .txt", async () => {
    await rejectsWith(
      extractPlanText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), "plan.txt"),
      "BINARY",
    );
  });

  it("rejects text with too little Chinese", async () => {
    await rejectsWith(
      extractPlanText(utf8("This is an English document about a plan. ".repeat(50)), "plan.txt"),
      "NOT_CHINESE",
    );
    await rejectsWith(
      extractPlanText(utf8(`规划 ${"lorem ipsum dolor sit amet ".repeat(200)}`), "plan.txt"),
      "NOT_CHINESE",
    );
  });

  it("rejects files over 20 MB before reading them", async () => {
    const limit = 20 * 1024 * 1024;
    await rejectsWith(extractPlanText(new Uint8Array(limit + 1), "plan.txt"), "TOO_LARGE");
    // a plan of exactly 20 MB (padded with blank lines) is read
    const plan = utf8(PLAN_LINES.join("\n"));
    const padded = new Uint8Array(limit).fill(0x0a);
    padded.set(plan);
    expect((await extractPlanText(padded, "plan.txt")).text).toContain(PLAN_LINES[5]);
  });

  it("rejects unsupported extensions, including old .doc", async () => {
    await rejectsWith(extractPlanText(utf8("科技创新规划"), "plan.doc"), "UNSUPPORTED_FORMAT");
    await rejectsWith(extractPlanText(utf8("科技创新规划"), "plan"), "UNSUPPORTED_FORMAT");
    await rejectsWith(extractPlanText(utf8("科技创新规划"), "plan.xlsx"), "UNSUPPORTED_FORMAT");
  });

  it("rejects corrupt .docx and .pdf files", async () => {
    await rejectsWith(extractPlanText(utf8("科技创新规划".repeat(10)), "plan.docx"), "CORRUPT");
    await rejectsWith(
      extractPlanText(zip({ "hello.txt": "not a word document" }), "plan.docx"),
      "CORRUPT",
    );
    const good = docx(PLAN_LINES);
    await rejectsWith(
      extractPlanText(good.slice(0, Math.floor(good.length / 2)), "plan.docx"),
      "CORRUPT",
    );
    await rejectsWith(
      extractPlanText(utf8("%PDF-1.4\nthis is not really a pdf"), "plan.pdf"),
      "CORRUPT",
    );
    await rejectsWith(extractPlanText(utf8("科技创新规划".repeat(10)), "plan.pdf"), "CORRUPT");
  });
});
