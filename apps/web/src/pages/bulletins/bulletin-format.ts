import { periodLabel } from "@duban/domain/i18n";

/** `2026Q3` → 2026年第三季度 / 2026 Q3; `2026` → 2026年度 / Year 2026. */
export function scorePeriodText(period: string, locale: "zh-CN" | "en"): string {
  if (/^\d{4}$/.test(period)) return locale === "en" ? `Year ${period}` : `${period}年度`;
  return periodLabel(period, locale);
}

/** The bulletin's .docx and score .xlsx, served by the api (drafts to the office only). */
export const bulletinFileUrl = (id: string, file: "document" | "scores.xlsx") =>
  `/api/bulletins/${encodeURIComponent(id)}/${file}`;

/** Points as the documents print them: at most two decimals, no trailing zeros. */
export const points = (n: number) => String(Number(n.toFixed(2)));
