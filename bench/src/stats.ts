export type Latency = { p50: number; p95: number; n: number };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    n: sorted.length,
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * `concurrency` loops run at once, each calling `call(worker, i)` `perWorker` times back to back
 * (a closed loop: a simulated user sends its next request when the last one answered).
 */
export async function measure(
  concurrency: number,
  perWorker: number,
  call: (worker: number, i: number) => Promise<unknown>,
  /** run before each call, outside the timing (e.g. a write that makes the next read uncached) */
  before?: (worker: number, i: number) => Promise<unknown>,
): Promise<Latency> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; i < perWorker; i++) {
        if (before) await before(worker, i);
        const t = performance.now();
        await call(worker, i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarize(samples);
}
