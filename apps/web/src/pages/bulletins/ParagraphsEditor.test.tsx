// The office's editor of a bulletin draft: paragraphs are added, edited and removed per part, and
// the parent gets the whole text back each time (what bulletin.update sends).
import { fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import type { BulletinText } from "@duban/domain/schemas";

import { renderWithProviders } from "../../test/render.tsx";
import { scorePeriodText } from "./bulletin-format.ts";
import { ParagraphsEditor } from "./ParagraphsEditor.tsx";

function Harness({ seen }: { seen: BulletinText[] }) {
  const [title, setTitle] = useState("关于通报");
  const [text, setText] = useState<BulletinText>({
    opening: ["开头一"],
    praise: [],
    criticism: ["批评一", "批评二"],
    requirements: [],
  });
  return (
    <ParagraphsEditor
      title={title}
      onTitle={setTitle}
      text={text}
      onText={(t) => {
        seen.push(t);
        setText(t);
      }}
    />
  );
}

describe("ParagraphsEditor", () => {
  it("adds, edits and removes paragraphs of one part without touching the others", () => {
    const seen: BulletinText[] = [];
    renderWithProviders(<Harness seen={seen} />);
    expect(screen.getByText("一、总体情况")).toBeTruthy();
    expect(screen.getByText("四、工作要求")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("三、通报批评 2"), {
      target: { value: "批评二（改）" },
    });
    expect(seen.at(-1)!.criticism).toEqual(["批评一", "批评二（改）"]);
    fireEvent.click(screen.getByRole("button", { name: "删除段落：一、总体情况 1" }));
    expect(seen.at(-1)).toMatchObject({ opening: [], criticism: ["批评一", "批评二（改）"] });
    fireEvent.click(screen.getAllByRole("button", { name: "添加段落" })[1]!);
    expect(seen.at(-1)!.praise).toEqual([""]);
  });

  it("names score periods: quarters and years, both languages", () => {
    expect(scorePeriodText("2026Q3", "zh-CN")).toBe("2026年第三季度");
    expect(scorePeriodText("2026", "zh-CN")).toBe("2026年度");
    expect(scorePeriodText("2026", "en")).toBe("Year 2026");
  });
});
