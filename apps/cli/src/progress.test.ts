// documentProgress on a fake clock: silent for the first second, then at most a line a second.
import { describe, expect, it } from "vitest";

import { documentProgress } from "./progress.ts";

const run = (times: number[]) => {
  const lines: string[] = [];
  let i = 0;
  const progress = documentProgress(
    (line) => lines.push(line),
    () => times[Math.min(i++, times.length - 1)] ?? 0,
  );
  return { progress, lines };
};

describe("documentProgress", () => {
  it("prints nothing for a document read within a second", () => {
    const { progress, lines } = run([0, 100, 200, 300, 400]);
    progress.onProgress({ pagesRead: 1, pages: 3 });
    progress.onProgress({ pagesRead: 2, pages: 3 });
    progress.onProgress({ pagesRead: 3, pages: 3 });
    progress.done({ headings: 5, indicators: 2, tasks: 4, warnings: 0 });
    expect(lines).toEqual([]);
  });

  it("after a second prints pages at most once a second, the last page, and a summary", () => {
    // start, then pages at 0.5 s, 1.2 s, 1.5 s, 2.3 s, 2.4 s (the last), done at 2.6 s
    const { progress, lines } = run([0, 500, 1200, 1500, 2300, 2400, 2600]);
    for (let n = 1; n <= 5; n++) progress.onProgress({ pagesRead: n, pages: 5 });
    progress.done({ headings: 76, indicators: 7, tasks: 47, warnings: 3 });
    expect(lines).toEqual([
      "已读取 2/5 页 (read 2 of 5 pages)\n",
      "已读取 4/5 页 (read 4 of 5 pages)\n",
      "已读取 5/5 页 (read 5 of 5 pages)\n",
      expect.stringMatching(
        /^解析完成，用时 2\.6 秒：标题 76 个，指标 7 行，候选任务 47 项，提示 3 条 \(parsed in 2\.6 s/u,
      ),
    ]);
  });
});
