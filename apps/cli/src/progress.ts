// Progress on stderr while a long plan document is read (issue 16: anything over a second shows
// pages read and what was found). Nothing is printed for a document read within the first second.

type Clock = () => number;

export type DocumentProgress = {
  /** pass as `extractPlanText`'s `onProgress` (or importPlan's host option) */
  onProgress: (p: { pagesRead: number; pages: number }) => void;
  /** call once when the document is parsed; prints what was found if reading took over a second */
  done: (found: { headings: number; indicators: number; tasks: number; warnings: number }) => void;
};

/**
 * Prints `已读取 n/N 页 (read n of N pages)` at most once a second after the first second, and one
 * summary line at the end when the whole took over a second. `write` and `now` (milliseconds) are
 * for tests; by default stderr and `performance.now()`.
 */
export function documentProgress(
  write: (line: string) => void = (line) => void process.stderr.write(line),
  now: Clock = () => performance.now(),
  afterMs = 1_000,
): DocumentProgress {
  const started = now();
  let printedAt = Number.NEGATIVE_INFINITY;
  return {
    onProgress({ pagesRead, pages }) {
      const t = now();
      if (t - started < afterMs) return;
      if (pagesRead < pages && t - printedAt < 1_000) return;
      printedAt = t;
      write(`已读取 ${pagesRead}/${pages} 页 (read ${pagesRead} of ${pages} pages)\n`);
    },
    done({ headings, indicators, tasks, warnings }) {
      const seconds = (now() - started) / 1_000;
      if (seconds * 1_000 < afterMs) return;
      write(
        `解析完成，用时 ${seconds.toFixed(1)} 秒：标题 ${headings} 个，指标 ${indicators} 行，候选任务 ${tasks} 项，提示 ${warnings} 条 ` +
          `(parsed in ${seconds.toFixed(1)} s: ${headings} headings, ${indicators} indicator rows, ${tasks} candidate tasks, ${warnings} warnings)\n`,
      );
    },
  };
}
