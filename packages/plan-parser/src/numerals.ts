// Chinese numerals as used in heading numbers (一 … 九十九, 一百 …).

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export const CN_NUMERAL_CLASS = "〇零一二两三四五六七八九十百";

/** Value of a Chinese or Arabic numeral, or null when it is not one. */
export const parseNumeral = (text: string): number | null => {
  if (/^\d{1,6}$/u.test(text)) return Number(text);
  if (text === "" || text.length > 8) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = DIGITS[ch];
      if (d === undefined) return null;
      current = current * 10 + d;
    }
  }
  return total + current;
};

const UNITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 13 → "十三": used only for readable messages. */
export const toChineseNumeral = (n: number): string => {
  if (n <= 0 || n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return UNITS[ones] ?? String(n);
  return `${tens === 1 ? "" : (UNITS[tens] ?? "")}十${UNITS[ones] ?? ""}`;
};
