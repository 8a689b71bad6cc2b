import { uploadRefusal } from "./refusals.ts";

export type LimiterOptions = {
  /** at most this many run at once in the process */
  running: number;
  /** at most this many wait for a free place; one more is refused */
  waiting: number;
  /** at most this many per user, running and waiting together; one more is refused */
  perUser: number;
};

/**
 * Admission for heavy work (unpacking and parsing an upload): a few at once per process, a short
 * bounded queue behind them, and a cap per user. Beyond any of them the work is refused at once
 * with RATE_LIMITED ("服务器繁忙，请稍后再试"), so a burst can neither queue without bound nor let one
 * user hold every place. Places are released when the work settles, failed or not.
 * (A semaphore with two counters; the libraries we looked at, p-limit and p-queue, queue without
 * bound and know no per-user cap, which is the point here.)
 */
export class HeavyWorkLimiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly perUser = new Map<string, number>();

  constructor(private readonly options: LimiterOptions) {}

  /** running and waiting now, for tests and metrics */
  get load() {
    return { running: this.active, waiting: this.queue.length };
  }

  /** Runs `work` when a place is free; throws RATE_LIMITED (DomainError) when none can be had. */
  async run<T>(userKey: string, work: () => Promise<T>): Promise<T> {
    const mine = this.perUser.get(userKey) ?? 0;
    if (mine >= this.options.perUser) throw uploadRefusal.userBusy();
    if (this.active >= this.options.running && this.queue.length >= this.options.waiting)
      throw uploadRefusal.busy();
    this.perUser.set(userKey, mine + 1);
    try {
      if (this.active >= this.options.running)
        await new Promise<void>((resolve) => this.queue.push(resolve));
      else this.active++;
      try {
        return await work();
      } finally {
        const next = this.queue.shift();
        // the place passes straight to the next in line: `active` stays as it is
        if (next) next();
        else this.active--;
      }
    } finally {
      const left = (this.perUser.get(userKey) ?? 1) - 1;
      if (left > 0) this.perUser.set(userKey, left);
      else this.perUser.delete(userKey);
    }
  }
}
