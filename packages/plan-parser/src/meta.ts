// Title, jurisdiction and plan period: best effort from the title line, then from the text.
import { parseNumeral } from "./numerals.ts";

/** 第 k 个五年规划 → its years (the 3rd plan started in 1966; earlier ones are irrelevant here). */
export const fiveYearPeriod = (k: number): { start: number; end: number } | null => {
  if (k < 3 || k > 30) return null;
  const start = 1966 + 5 * (k - 3);
  return { start, end: start + 4 };
};

const RANGE = /((?:19|20)\d{2})\s*(?:年)?\s*[—\-–－~～至到]{1,2}\s*((?:19|20)\d{2})/u;
const FYP = /十([一二三四五六七八九])五/gu;
const NTH_FYP = /第([一二三四五六七八九十]{1,3})个五年/u;
const CN_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  "○": "0",
  O: "0",
  Ｏ: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};

/** `二〇二三年` → `2023年`: years written in Chinese digits, as in formal titles. */
const arabicYears = (text: string): string =>
  text.replace(/[〇零○OＯ一二三四五六七八九]{4}(?=年)/gu, (m) =>
    Array.from(m, (ch) => CN_DIGITS[ch] ?? ch).join(""),
  );

/**
 * The single year of an annual document's title (`西丰县2023年科技工作要点`, `2023年度…分工方案`):
 * a year not reached towards (`到2025年`, `至2025年`), not a horizon (`2035年远景目标`), not an
 * edition (`（2021年修订）`, `2023年版`).
 */
const annualYear = (title: string): number | null => {
  const years = new Set<number>();
  for (const m of title.matchAll(
    /(?<![到至止]|截至)((?:19|20)\d{2})年(?!远景|前|底前|以前|修订|修正|版)/gu,
  )) {
    years.add(Number(m[1]));
  }
  return years.size === 1 ? ([...years][0] ?? null) : null;
};

/**
 * The period a document covers, `{start, end}` in calendar years, or null. From the title: an
 * explicit range (`（2021—2025年）`, `2023—2025年`, at most 15 years), 十X五, 第X个五年, or one
 * year of an annual document (`2023年` → 2023–2023). Else from the text: the 十X五 named next to
 * 规划, the most mentioned 十X五, then 第X个五年. Years in Chinese digits (`二〇二三年`) count.
 */
export const periodFrom = (
  title: string | null,
  text: string,
): { start: number; end: number } | null => {
  if (title) {
    const t = arabicYears(title.replace(/\s+/gu, ""));
    const r = RANGE.exec(t);
    if (r) {
      const start = Number(r[1]);
      const end = Number(r[2]);
      if (end > start && end - start <= 15) return { start, end };
    }
    const f = /十([一二三四五六七八九])五/u.exec(t);
    if (f) return fiveYearPeriod(10 + (parseNumeral(f[1] ?? "") ?? 0));
    const nth = NTH_FYP.exec(t);
    if (nth) return fiveYearPeriod(parseNumeral(nth[1] ?? "") ?? 0);
    const year = annualYear(t);
    if (year) return { start: year, end: year };
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
  if (best) return fiveYearPeriod(best[0]);
  const nth = NTH_FYP.exec(head.replace(/\s+/gu, ""));
  return nth ? fiveYearPeriod(parseNumeral(nth[1] ?? "") ?? 0) : null;
};

const DOC_WORD = "(?:规划|纲要|计划|方案|意见|要点|办法|细则|措施)";

/**
 * The document named in its own text: `制定《遵义市“十四五”科技创新发展规划》（以下简称…`, or a
 * forwarding notice's `关于印发《X》的通知` / `现将《X》印发给你们`. Null when none.
 */
export const titleFromText = (text: string): string | null => {
  const head = text.slice(0, 20_000).replace(/\s+/gu, "");
  const patterns = [
    new RegExp(`(?:制定|编制|制订|特制定)《([^《》]{4,60}?${DOC_WORD})》`, "u"),
    new RegExp(`《([^《》]{4,60}?${DOC_WORD})》[（(]以下简称`, "u"),
    new RegExp(`关于(?:印发|转发)《([^《》]{4,60}?${DOC_WORD})》的通知`, "u"),
    new RegExp(`现将《([^《》]{4,60}?${DOC_WORD})》(?:印发|转发)给你们`, "u"),
  ];
  for (const re of patterns) {
    const m = re.exec(head);
    if (m) return m[1] ?? null;
  }
  return null;
};

const LEVEL_SUFFIX: [RegExp, number][] = [
  [/(?:自治县|县|旗|特区|林区)$/u, 0],
  [/(?:区)$/u, 1],
  [/(?:市|自治州|州|地区|盟)$/u, 2],
  [/(?:省|自治区)$/u, 3],
];

const levelOf = (name: string): number => LEVEL_SUFFIX.find(([re]) => re.test(name))?.[1] ?? 9;

const PLACE = "[\\u4e00-\\u9fff]{2,6}?(?:自治县|自治州|自治区|县|市|区|州|省|旗|盟)";
const LEADING_PLACE = new RegExp(`^(?:中共)?(${PLACE})`, "u");
const MASTER_PLAN = new RegExp(
  `(?:[《“]|^|[，。、])(?:中共)?(${PLACE})(?:委关于制定\\S{0,12}?)?国民经济和社会发展`,
  "gu",
);
const COUNTED =
  // 推动/加快 as words: a class of their characters let `全市推动城区` count `动城区`
  /(?:^|[^\u4e00-\u9fff]|[，。、；：“《（在为把将对与和及是全]|推动|加快)([\u4e00-\u9fff]{2})(县|市|区|州)(?![场民长委直级域内外属])/gu;
const NOT_PLACE =
  /^(?:全|本|我|该|各|城|都|超|上|股|楼|夜|集|门|开|地|省|县|市|区|园|片|社|景|校|城区|新区|辖区|园区|社区|城市|山区|库区|景区|矿区)/u;

const PLACE_NAME = /^([\u4e00-\u9fff]{2,6}?)(自治县|自治州|自治旗|自治区|县|市|区|州|旗|盟|省)$/u;
/** Words that start a phrase, never a place: 全市, 本县, 各区, 两级, 市、区… */
const NOT_PLACE_START =
  /^(?:[全本我该此其这那每诸多几两各市区县省州乡镇村街年月日个等关对在为将把据按向从至到以如若]|[一二三四五六七八九十百千万][级县区市个项类大])/u;
const NOT_PLACE_INSIDE =
  /[的和与及、，。市县区级等个于了是在把]|年内|以内|之内|境内|城乡|农村|城镇|乡镇|街道|[全本各该两每我此]$|推进|推动|加快|促进|实施|建设|发展|提升|坚持|创新|科技|全面|深化|强化|加强|优化|完善|落实|打造|构建|支持|鼓励|引导|服务|工作|经济|产业|企业|项目|重点|主要|有关|相关/u;
/** 开发区, 示范区, 园区…: kinds of zone, not places, when they end a 区 name. */
const ZONE =
  /(?:开发|示范|试验|实验|保护|功能|核心|先行|集聚|产业|工业|物流|商务|风景|旅游|自贸|高新|经济|保税|综合|合作|贫困|民族|边远|重点|试点|主城|老城|片|社|景|库|矿|牧|辖|校|营|战|灾|郊|园)$/u;
/** 超市, 股市, 集市…: markets, not cities. */
const MARKET = /(?:超|股|楼|夜|集|门|上|开|闭|菜|黑|早|农贸|批发)$/u;

/**
 * Whether `name` reads as a place: 2–6 CJK characters and 县/市/区/州/旗/盟/省 (or 自治县/州/旗/区),
 * not a phrase such as `全市`, `年内市` (from `5年内市、区两级`), `区县`, `两级`, `开发区`, `超市`.
 */
export const isPlaceName = (name: string): boolean => {
  const m = PLACE_NAME.exec(name);
  if (!m) return false;
  const body = m[1] ?? "";
  const suffix = m[2] ?? "";
  if (NOT_PLACE_START.test(body) || NOT_PLACE_INSIDE.test(body)) return false;
  if (suffix === "区" && ZONE.test(body)) return false;
  if (suffix === "市" && MARKET.test(body)) return false;
  return true;
};

/** The places written one after another at the start (`贵阳市息烽县…`): the lowest level wins. */
const leadingPlace = (text: string): string | null => {
  let rest = text.replace(/\s+/gu, "");
  let found: string | null = null;
  for (let i = 0; i < 3; i++) {
    const m = LEADING_PLACE.exec(rest);
    const name = m?.[1];
    if (!m || !name || !isPlaceName(name)) break;
    found = name;
    rest = rest.slice(m[0].length);
  }
  return found;
};

const ETHNIC =
  "(?:苗|侗|布依|土家|彝|藏|回|壮|瑶|白|傣|哈尼|黎|羌|蒙古|朝鲜|满|畲|仡佬|水|纳西|景颇|傈僳|拉祜|佤|哈萨克|柯尔克孜|维吾尔|土|撒拉|保安|东乡|裕固|达斡尔|鄂温克|鄂伦春|锡伯|毛南|仫佬|京|独龙|怒|普米|阿昌|基诺|德昂|布朗|各)族";
const AUTONOMOUS = new RegExp(`(?:${ETHNIC})+自治(州|县|旗)$`, "u");

/** `黔东南苗族侗族自治州` is written `黔东南州`; both forms name the same entry. */
const shortForm = (name: string): string => name.replace(AUTONOMOUS, "$1");

/** The directory entry named in `text`, earliest first (longest form at one position), or null. */
const directoryNameIn = (text: string, directory: readonly string[]): string | null => {
  let best: { name: string; at: number; length: number } | null = null;
  for (const name of directory) {
    for (const form of new Set([name, shortForm(name)])) {
      const at = text.indexOf(form);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && form.length > best.length))
        best = { name, at, length: form.length };
    }
  }
  return best?.name ?? null;
};

const countIn = (text: string, form: string): number => {
  let n = 0;
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) n++;
  return n;
};

export type PlaceHints = {
  /** names of the jurisdictions the importer knows (ParseOptions.jurisdictions) */
  directory?: readonly string[];
  /** the 发文机关 above the document (`西丰县人民政府办公室`) */
  issuer?: string | null;
};

/**
 * The jurisdiction a document belongs to, or null (the caller warns JURISDICTION_MISSING). With a
 * directory, a directory name (or its short form, `黔东南州`) in the title, then the issuer, then a
 * `《X国民经济和社会发展…》` reference, then the most mentioned (≥ 2) wins. Without a hit, place-name
 * patterns (isPlaceName) in the same order, the most mentioned needing ≥ 3 mentions. A phrase such
 * as `5年内市、区两级`, `全市` or `区县` is never a place (issue #16).
 */
export const jurisdictionFrom = (
  title: string | null,
  text: string,
  hints: PlaceHints = {},
): string | null => {
  const compactTitle = title ? title.replace(/\s+/gu, "") : "";
  const issuer = hints.issuer ? hints.issuer.replace(/\s+/gu, "") : "";
  const head = text.slice(0, 300_000).replace(/[ \t\u3000]+/gu, "");
  const masters = Array.from(head.matchAll(MASTER_PLAN), (m) => m[1] ?? "").filter(isPlaceName);
  const directory = (hints.directory ?? []).filter((n) => n.trim() !== "");
  if (directory.length > 0) {
    const named =
      directoryNameIn(compactTitle, directory) ??
      directoryNameIn(issuer, directory) ??
      masters
        .map((m) => directoryNameIn(m, directory))
        .filter((n): n is string => n !== null)
        .sort((a, b) => levelOf(a) - levelOf(b))[0];
    if (named) return named;
    const counted = directory
      .map((name) => ({
        name,
        n: Math.max(countIn(head, name), countIn(head, shortForm(name))),
      }))
      .filter((c) => c.n >= 2)
      .sort((a, b) => b.n - a.n || levelOf(a.name) - levelOf(b.name))[0];
    if (counted) return counted.name;
  }
  const fromTitle = leadingPlace(compactTitle) ?? leadingPlace(issuer);
  if (fromTitle) return fromTitle;
  if (masters.length > 0) return masters.sort((a, b) => levelOf(a) - levelOf(b))[0] ?? null;
  const counts = new Map<string, number>();
  for (const m of head.matchAll(COUNTED)) {
    const name = `${m[1]}${m[2]}`;
    if (NOT_PLACE.test(name) || !isPlaceName(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || levelOf(a[0]) - levelOf(b[0]),
  )[0];
  return best && best[1] >= 3 ? best[0] : null;
};
