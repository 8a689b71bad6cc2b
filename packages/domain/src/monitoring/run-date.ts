import { shanghaiDay } from "../calendar.ts";
import { invalid } from "../errors.ts";

/**
 * A run dated after today (Asia/Shanghai, by `now`) may only be a dry run. A real run would
 * change state for a day that has not come (open or close a reporting window) and write the
 * dedupe keys of that day's real emails, which the scheduled run would then find used up.
 * Applies to every run, whoever starts it; the scheduler's runs are always dated now.
 */
export function assertRunDate(input: { asOf: Date; dryRun: boolean; now?: Date }): void {
  if (input.dryRun) return;
  const day = shanghaiDay(input.asOf);
  const today = shanghaiDay(input.now ?? new Date());
  if (day > today) {
    throw invalid(
      `${day} 尚未到来：未来日期只能试运行，不会发送邮件或开启、关闭填报周期`,
      `${day} has not come yet: a future date can only be a dry run; nothing is emailed, opened or closed`,
      "asOf",
    );
  }
}
