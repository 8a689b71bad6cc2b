// One list number in one of Word's number formats (ECMA-376 §17.18.59 ST_NumberFormat), written
// as Word writes it: 一 … 十 … 十一 for chineseCounting, （一） comes from the level text around it.

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const CN_LEGAL_SIMPLIFIED = ["", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const CN_LEGAL_TRADITIONAL = ["", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"];
const TIANGAN = "甲乙丙丁戊己庚辛壬癸";
const DIZHI = "子丑寅卯辰巳午未申酉戌亥";

/**
 * 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百〇五 (chineseCounting) or 一百零五 (…Thousand), up to
 * 9999; larger numbers in Arabic digits. `digits` are the nine digits, `units` 十 百 千.
 */
const counting = (n: number, digits: readonly string[], units: string, zero: string): string => {
  if (n === 0) return zero || "〇";
  if (n > 9999) return String(n);
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const names = [units[2] ?? "", units[1] ?? "", units[0] ?? "", ""];
  let out = "";
  let gap = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      gap = out !== "";
      return;
    }
    if (gap && zero) out += zero;
    gap = false;
    // 十一, not 一十一: a leading one before 十 is not written
    const one = d === 1 && i === 2 && out === "";
    out += (one ? "" : (digits[d] ?? "")) + names[i];
  });
  return out;
};

const enclosed = (n: number, first: number, last: number): string =>
  n >= 1 && n <= last ? String.fromCodePoint(first + n - 1) : String(n);

const letters = (n: number, base: number): string =>
  n < 1 ? String(n) : String.fromCharCode(base + ((n - 1) % 26)).repeat(Math.ceil(n / 26));

const ROMAN: [number, string][] = [
  [1000, "m"],
  [900, "cm"],
  [500, "d"],
  [400, "cd"],
  [100, "c"],
  [90, "xc"],
  [50, "l"],
  [40, "xl"],
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];

const roman = (n: number): string => {
  if (n < 1 || n > 3999) return String(n);
  let out = "";
  let rest = n;
  for (const [value, text] of ROMAN) {
    for (; rest >= value; rest -= value) out += text;
  }
  return out;
};

const fullWidth = (n: number): string =>
  String(n).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th");
  return `${n}${suffix}`;
};

/**
 * `n` written in Word's number format `format` (`numFmt`'s `w:val`). `bullet` and `none` write
 * nothing (''); a format not listed here (cardinalText, hebrew, …) is written in Arabic digits,
 * which still tells the parser where an item starts.
 */
export const formatListNumber = (n: number, format: string): string => {
  switch (format) {
    case "bullet":
    case "none":
      return "";
    case "chineseCounting":
    case "taiwaneseCounting":
      return counting(n, CN, "十百千", "〇");
    case "chineseCountingThousand":
    case "taiwaneseCountingThousand":
      return counting(n, CN, "十百千", "零");
    case "japaneseCounting":
      return counting(n, CN, "十百千", "");
    case "chineseLegalSimplified":
      return counting(n, CN_LEGAL_SIMPLIFIED, "拾佰仟", "零");
    case "ideographLegalTraditional":
      return counting(n, CN_LEGAL_TRADITIONAL, "拾佰仟", "零");
    case "ideographDigital":
    case "taiwaneseDigital":
    case "japaneseDigitalTenThousand":
      return String(n).replace(/\d/gu, (d) => (d === "0" ? "〇" : (CN[Number(d)] ?? d)));
    case "ideographTraditional":
      return n < 1 ? String(n) : (TIANGAN[(n - 1) % 10] ?? "");
    case "ideographZodiac":
      return n < 1 ? String(n) : (DIZHI[(n - 1) % 12] ?? "");
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return fullWidth(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return enclosed(n, 0x2460, 20);
    case "decimalEnclosedFullstop":
      return enclosed(n, 0x2488, 20);
    case "decimalEnclosedParen":
      return enclosed(n, 0x2474, 20);
    case "ideographEnclosedCircle":
      return enclosed(n, 0x3220, 10);
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "upperLetter":
      return letters(n, 65);
    case "lowerLetter":
      return letters(n, 97);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "ordinal":
      return ordinal(n);
    default:
      return String(n);
  }
};
