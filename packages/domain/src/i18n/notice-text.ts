// How a 督办通知单 is named and dated in print (issue #17 step 4). Browser-safe: no database.

/** `〔2026〕第3号`: the number line of a notice (Chinese tortoise-shell brackets 〔〕, as 公文 文号 use). */
export function noticeNumberText(year: number, number: number): string {
  return `〔${year}〕第${number}号`;
}

/** `督办通知单〔2026〕第3号`: the notice as it is referred to in mail, inbox and lists. */
export function noticeTitle(year: number, number: number): string {
  return `督办通知单${noticeNumberText(year, number)}`;
}

/** `督办通知单〔2026〕第3号.docx`: the file name of the notice's Word document. */
export function noticeFileName(year: number, number: number): string {
  return `${noticeTitle(year, number)}.docx`;
}

/** `2026年3月5日` from `2026-03-05` (no leading zeros, as official documents print dates). */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/**
 * The issuing office printed on a notice: the jurisdiction's name + 科技创新工作领导小组办公室
 * (Duban supervises science-and-technology plans, whose leading group is the 科技创新工作领导小组),
 * e.g. 西丰县科技创新工作领导小组办公室. Kept on the notice as issued (SupervisionNotice.issuingOffice).
 */
export function issuingOfficeName(jurisdictionName: string): string {
  return `${jurisdictionName}科技创新工作领导小组办公室`;
}
