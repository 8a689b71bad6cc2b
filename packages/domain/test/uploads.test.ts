// The upload guard on its own (no database): each generated bomb is refused with the message of
// the limit it hits, quickly and without inflating it; real-shaped files pass; the limiter admits
// what it should and refuses the rest at once.
import { describe, expect, it } from "vitest";

import { extractPlanText } from "@duban/plan-parser";
import {
  bombs,
  docxEntries,
  pdfBomb,
  pdfPages,
  xlsxEntries,
  zipFile,
} from "@duban/test-utils/bombs";

import { DomainError } from "../src/errors.ts";
import { HeavyWorkLimiter } from "../src/uploads/limiter.ts";
import { PLAN_DOCUMENT_LIMITS } from "../src/uploads/limits.ts";
import { inspectUpload, uploadBytes } from "../src/uploads/open-upload.ts";

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, message: (error as DomainError).message };
  }
  throw new Error("expected a refusal, the file passed");
}

describe("zip containers", () => {
  const cases = [
    {
      name: "an .xlsx whose sharedStrings inflate to 1 GB (1 MB file)",
      kind: "ledgerWorkbook",
      file: () => bombs.xlsxSharedStrings(1),
      message: "文件解压后超过 64 MB",
    },
    {
      name: "an .xlsx whose headers claim 3 GB (2 KB file)",
      kind: "ledgerWorkbook",
      file: () => bombs.xlsxClaimsHuge(3),
      message: "文件解压后超过 64 MB",
    },
    {
      name: "an .xlsx whose sheet declares 1 KB and inflates to 1 GB",
      kind: "ledgerWorkbook",
      file: () => bombs.xlsxLyingHeader(1),
      message: "实际大小与声明不符",
    },
    {
      name: "an .xlsx of 100,000 entries",
      kind: "ledgerWorkbook",
      file: () => bombs.xlsxManyEntries(100_000),
      message: "压缩包内的文件超过 1,000 个",
    },
    {
      name: "an .xlsx of 2 million cells in 44 MB of XML",
      kind: "ledgerWorkbook",
      file: () => bombs.xlsxCells(2),
      message: "XML 元素超过 100 万 个",
    },
    {
      name: "an .xlsx nested 100,000 deep",
      kind: "ledgerWorkbook",
      file: () => bombs.xlsxDeepXml(100_000),
      message: "XML 嵌套超过 64 层",
    },
    {
      name: "a .docx of 1 GB of paragraphs",
      kind: "planDocument",
      file: () => bombs.docx(1),
      message: "文件解压后超过 64 MB",
    },
    {
      name: "a .docx nested 100,000 deep",
      kind: "planDocument",
      file: () => bombs.docxDeepXml(100_000),
      message: "XML 嵌套超过 128 层",
    },
    {
      name: "a .docx with a DOCTYPE (entity expansion)",
      kind: "planDocument",
      file: () =>
        zipFile(
          docxEntries(["<w:p/>"]).map((e) =>
            e.name === "word/document.xml"
              ? {
                  ...e,
                  content: ['<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'],
                }
              : e,
          ),
        ),
      message: "DTD",
    },
    {
      name: "a .docx as evidence inflating to 1 GB",
      kind: "evidence",
      file: () => bombs.docx(1),
      message: "文件解压后超过 200 MB",
    },
    {
      name: "an .xlsx as evidence whose header lies",
      kind: "evidence",
      file: () => bombs.xlsxLyingHeader(1),
      message: "实际大小与声明不符",
    },
  ] as const;
  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const file = c.file();
      const rssBefore = process.memoryUsage().rss;
      const { code, message } = await refusal(inspectUpload(c.kind, "zip", file));
      expect(code).toBe("INVALID");
      expect(message).toContain(c.message);
      // nothing was inflated into memory (generous: the budget itself is 64–200 MB)
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    });
  }

  it("passes a real-shaped workbook and document, and refuses what is not a zip", async () => {
    await inspectUpload(
      "ledgerWorkbook",
      "zip",
      zipFile(
        xlsxEntries([
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
        ]),
      ),
    );
    await inspectUpload(
      "planDocument",
      "zip",
      zipFile(docxEntries(["<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>".repeat(5_000)])),
    );
    expect(
      (await refusal(inspectUpload("ledgerWorkbook", "zip", new TextEncoder().encode("not a zip"))))
        .message,
    ).toContain("不是有效的 Office 文件");
    expect(
      (await refusal(inspectUpload("planDocument", "zip", bombs.xlsxCells(1).subarray(0, 4096))))
        .message,
    ).toContain("已损坏");
  });
});

describe("PDF", () => {
  it("refuses a PDF whose content stream inflates to 1 GB, before pdf.js", async () => {
    const { message } = await refusal(inspectUpload("planDocument", "pdf", pdfBomb(1)));
    expect(message).toContain("PDF 解压后超过 256 MB");
  });

  it("refuses Flate inside Flate, a decoy /Filter, a filter given by reference and a stream that breaks off", async () => {
    const variants = {
      double: pdfBomb(1, { double: true }),
      decoy: pdfBomb(1, { extra: "/DecodeParms << /Filter /DCTDecode >>" }),
      byReference: pdfBomb(1, { filter: "9 0 R" }),
      truncated: pdfBomb(1, { truncated: true }),
    };
    expect(variants.double.byteLength).toBeLessThan(64 * 1024);
    for (const [name, file] of Object.entries(variants)) {
      expect((await refusal(inspectUpload("planDocument", "pdf", file))).message, name).toContain(
        "PDF 解压后超过 256 MB",
      );
    }
  });

  it("refuses a PDF of more pages than the limit before reading a page; a short one passes", async () => {
    const limit = PLAN_DOCUMENT_LIMITS.pdf!.maxPages;
    await inspectUpload("planDocument", "pdf", pdfPages(limit + 1));
    await expect(
      extractPlanText(pdfPages(limit + 1), "plan.pdf", { maxPdfPages: limit }),
    ).rejects.toThrow(`共 ${limit + 1} 页，上限 ${limit} 页`);
    // under the limit the page count is no reason to refuse (these pages have no text)
    await expect(extractPlanText(pdfPages(3), "plan.pdf", { maxPdfPages: limit })).rejects.toThrow(
      "文件为空",
    );
  });
});

describe("sizes", () => {
  it("refuses an oversized upload from its base64 length, before decoding it", () => {
    const justOver = "A".repeat(Math.ceil(((20 * 1024 * 1024 + 1) * 4) / 3 / 4) * 4);
    const atLimit = Buffer.alloc(20 * 1024 * 1024).toString("base64");
    for (const [kind, label] of [
      ["ledgerWorkbook", "台账文件"],
      ["planDocument", "规划文件"],
      ["evidence", "佐证材料"],
    ] as const) {
      expect(() => uploadBytes(kind, { contentBase64: justOver })).toThrow(`${label}超过 20 MB`);
      expect(uploadBytes(kind, { contentBase64: atLimit }).byteLength).toBe(20 * 1024 * 1024);
    }
    expect(() => uploadBytes("planDocument", { bytes: new Uint8Array() })).toThrow("文件为空");
  });
});

describe("the heavy-parse limiter", () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it("runs two at once, queues a bounded few, refuses the rest and a second file of the same user at once", async () => {
    const limiter = new HeavyWorkLimiter({ running: 2, waiting: 2, perUser: 1 });
    const gates = Array.from({ length: 4 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(`u${i}`, async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(limiter.load).toEqual({ running: 2, waiting: 2 });
    // the queue is full: a fifth user is refused; the first user's second file is refused too
    expect((await refusal(limiter.run("u4", async () => 4))).message).toBe(
      "服务器繁忙，请稍后再试",
    );
    expect((await refusal(limiter.run("u0", async () => 0))).message).toContain(
      "您已有一个文件正在处理",
    );
    gates[0]!.open();
    expect(await runs[0]).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    // a failing parse frees its place as well
    gates[1]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    await expect(
      limiter.run("u0", async () => {
        throw new Error("parser failed");
      }),
    ).rejects.toThrow("parser failed");
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
    expect(await limiter.run("u0", async () => "again")).toBe("again");
  });
});
