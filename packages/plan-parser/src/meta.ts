// Title, jurisdiction and plan period: best effort from the title line, then from the text.
import { parseNumeral } from "./numerals.ts";

/** 第 k 个五年规划 → its years (the 3rd plan started in 1966; earlier ones are irrelevant here). */
export const fiveYearPeriod = (k: number): { start: number; end: number } | null => {
  if (k < 3 || k > 30) return null;
  const start = 1966 + 5 * (k - 3);
  return { start, end: start + 4 };
};

const RANGE = /((?:19|20)\d{2})\s*(?:年)?\s*[—\-–~～至到]{1,2}\s*((?:19|20)\d{2})/u;
const FYP = /十([一二三四五六七八九])五/gu;

export const periodFrom = (
  title: string | null,
  text: string,
): { start: number; end: number } | null => {
  if (title) {
    const r = RANGE.exec(title);
    if (r) {
      const start = Number(r[1]);
      const end = Number(r[2]);
      if (end > start && end - start <= 15) return { start, end };
    }
    const f = /十([一二三四五六七八九])五/u.exec(title);
    if (f) return fiveYearPeriod(10 + (parseNumeral(f[1] ?? "") ?? 0));
  }
  // The five-year plan named next to the word 规划 (e.g. "“十四五”科技创新规划") wins; otherwise the most mentioned.
  const head = text.slice(0, 200_000);
  const named = /十([一二三四五六七八九])五[”"’]?[^。，；\n]{0,16}规划/u.exec(head);
  if (named) return fiveYearPeriod(10 + (parseNumeral(named[1] ?? "") ?? 0));
  const counts = new Map<number, number>();
  for (const m of head.matchAll(FYP)) {
    const k = 10 + (parseNumeral(m[1] ?? "") ?? 0);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? fiveYearPeriod(best[0]) : null;
};

/** "制定《遵义市“十四五”科技创新发展规划》（以下简称…" names the document in its own preface. */
export const titleFromText = (text: string): string | null => {
  const head = text.slice(0, 20_000).replace(/\s+/gu, "");
  const m =
    /(?:制定|编制|制订|特制定)《([^《》]{4,60}?(?:规划|纲要|计划|方案))》/u.exec(head) ??
    /《([^《》]{4,60}?(?:规划|纲要|计划|方案))》[（(]以下简称/u.exec(head);
  return m ? (m[1] ?? null) : null;
};

const LEVEL_SUFFIX: [RegExp, number][] = [
  [/(?:自治县|县|旗|特区|林区)$/u, 0],
  [/(?:区)$/u, 1],
  [/(?:市|自治州|州|地区|盟)$/u, 2],
  [/(?:省|自治区)$/u, 3],
];

const levelOf = (name: string): number => LEVEL_SUFFIX.find(([re]) => re.test(name))?.[1] ?? 9;

const PLACE = "[\\u4e00-\\u9fff]{2,6}?(?:自治县|自治州|自治区|县|市|区|州|省|旗|盟)";
const TITLE_PLACE = new RegExp(`^(?:中共)?(${PLACE})`, "u");
const MASTER_PLAN = new RegExp(
  `(?:[《“]|^|[，。、])(?:中共)?(${PLACE})(?:委关于制定\\S{0,12}?)?国民经济和社会发展`,
  "gu",
);
const COUNTED =
  /(?:^|[^\u4e00-\u9fff]|[，。、；：“《（在为把将对与和及是推动加快全])([\u4e00-\u9fff]{2})(县|市|区|州)(?![场民长委直级域内外属])/gu;
const NOT_PLACE =
  /^(?:全|本|我|该|各|城|都|超|上|股|楼|夜|集|门|开|地|省|县|市|区|园|片|社|景|校|城区|新区|辖区|园区|社区|城市|山区|库区|景区|矿区)/u;

export const jurisdictionFrom = (title: string | null, text: string): string | null => {
  const fromTitle = title ? TITLE_PLACE.exec(title.replace(/\s+/gu, ""))?.[1] : undefined;
  if (fromTitle) return fromTitle;
  const head = text.slice(0, 300_000).replace(/[ \t\u3000]+/gu, "");
  const masters = Array.from(head.matchAll(MASTER_PLAN), (m) => m[1] ?? "").filter((n) => n !== "");
  if (masters.length > 0) return masters.sort((a, b) => levelOf(a) - levelOf(b))[0] ?? null;
  const counts = new Map<string, number>();
  for (const m of head.matchAll(COUNTED)) {
    const name = `${m[1]}${m[2]}`;
    if (NOT_PLACE.test(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || levelOf(a[0]) - levelOf(b[0]),
  )[0];
  return best && best[1] >= 3 ? best[0] : null;
};
