import { describe, expect, it } from "vitest";

import { attachmentName, toBase64 } from "./files.ts";

describe("file helpers", () => {
  it("encodes bytes as base64, also beyond one chunk", () => {
    expect(toBase64(new TextEncoder().encode("台账"))).toBe(Buffer.from("台账").toString("base64"));
    const big = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(toBase64(big)).toBe(Buffer.from(big).toString("base64"));
  });
  it("reads the UTF-8 file name of a download", () => {
    expect(
      attachmentName(
        `attachment; filename*=UTF-8''${encodeURIComponent("息烽县台账-2025Q4.xlsx")}`,
        "x.xlsx",
      ),
    ).toBe("息烽县台账-2025Q4.xlsx");
    expect(attachmentName('attachment; filename="a.docx"', "x")).toBe("a.docx");
    expect(attachmentName(null, "x.xlsx")).toBe("x.xlsx");
  });
});
