// Lines that come with a document but are not part of it: the web page around a copy from a
// government site (navigation, the metadata table, 字号/打印 buttons), the 文号, the red-head
// 发文机关 line, and the 印发通知 that forwards the document. One recogniser per kind of line;
// title-block.ts decides which of them stand before the document's own title.
import type { SourceLine } from "./lines.ts";

/** A line with every space removed: PDF letter spacing puts spaces between glyphs (`首 页`). */
export const compact = (text: string): string => text.replace(/[\s\u3000]+/gu, "");

const NAV: RegExp[] = [
  // breadcrumb: 首页 > 政务公开 > 政策文件
  /^(?:网站)?首页(?:[>＞›»→/]|>>)/u,
  /^(?:当前位置|您当前的位置|您现在的位置|您的位置|您所在的位置|所在位置)[:：]/u,
  // the line under a web page's heading: 来源：… 发布时间：… 浏览次数：…
  /(?<![数资史])(?:来源|发布时间|发布日期|更新时间|浏览次数|阅读次数|点击数|访问次数|责任编辑)[:：]/u,
  /(?:字号|字体)[:：]?[【[〔(（]?大[】\]〕)）]?[【[〔(（]?中[】\]〕)）]?[【[〔(（]?小/u,
  /^[【[〔(（]?大[】\]〕)）]?[【[〔(（]?中[】\]〕)）]?[【[〔(（]?小[】\]〕)）]?$/u,
  /打印本页|关闭窗口|打印此页|关闭本页|返回顶部|收藏本页|加入收藏|[【[]打印[】\]]|[【[]关闭[】\]]/u,
  /^打印[|｜/]?关闭$/u,
  /^(?:分享到|扫一扫|上一篇[:：]|下一篇[:：]|相关链接|相关附件[:：]|网站地图|联系我们)/u,
  /版权所有|ICP备|ICP证|公网安备|主办单位[:：]|承办单位[:：]|网站标识码/u,
  // the metadata table of a 政府信息公开 page
  // …written as a table, the label in one cell and the value in the next: no colon
  /^(?:信息)?索引号[:：]?/u,
  /^(?:主题分类|组配分类|体裁分类|服务对象|发文机关|发布机构|成文日期|生成日期|生效日期|失效日期|有效性|是否有效|主题词|公开方式|公开范围|公开日期|信息分类)[:：]?(?:\d|[\u4e00-\u9fff])/u,
];

/** Page navigation or a web page's metadata (see NAV); `compacted` is compact(line). */
export const isNavigation = (compacted: string): boolean =>
  compacted.length <= 200 && NAV.some((re) => re.test(compacted));

/** `标题：X` in a web page's metadata table names the document. */
export const metadataTitle = (compacted: string): string | null =>
  /^(?:标题[:：]?|名称[:：]|文件名称[:：]?)(.{4,120})$/u.exec(compacted)?.[1] ?? null;

const DOC_NUMBER =
  /^(?:(?:发文字[号號]|文[号號])[:：])?[\u4e00-\u9fff]{0,12}[〔[［【(（](?:19|20)\d{2}[〕\]］】)）]第?\d{1,4}[号號](?:签发人[:：][\u4e00-\u9fff]{2,4})?$/u;

/** 文号 on its own line: `西府办发〔2023〕2号`, `〔2023〕2号`, `发文字号：…` (also 號). */
export const isDocNumber = (compacted: string): boolean =>
  DOC_NUMBER.test(compacted) || /^(?:发文字[号號]|文[号號])[:：]/u.test(compacted);

/** 红头: `西丰县人民政府办公室文件`, `中共西丰县委文件`. */
export const isRedHead = (compacted: string): boolean =>
  compacted.length <= 40 &&
  /(?:政府|办公室|办公厅|委员会|委|局|厅|部|领导小组|指挥部)文件$/u.test(compacted);

const ORGAN = /(?:人民政府|政府办公室|办公室|办公厅|委员会|领导小组|指挥部|局|委|厅|部|院|中心)$/u;

/** A 发文机关 line: short, no punctuation, ends with an organ (`西丰县人民政府办公室`). */
export const isIssuer = (compacted: string): boolean =>
  compacted.length >= 3 &&
  compacted.length <= 40 &&
  !/[。，；：:,;《》]/u.test(compacted) &&
  ORGAN.test(compacted);

const CN_DIGIT = "〇零○Ｏ一二三四五六七八九十";

/** `2023年3月1日`, `二〇二三年三月一日`, optionally `印发`: the date under a notice or a cover. */
export const isDateLine = (compacted: string): boolean =>
  new RegExp(
    `^[（(]?(?:(?:19|20)\\d{2}|[${CN_DIGIT}O]{4})年[\\d${CN_DIGIT}]{1,2}月(?:[\\d${CN_DIGIT}]{1,3}日)?(?:印发)?[）)]?$`,
    "u",
  ).test(compacted);

/** `（此件公开发布）`, `（联系人：…）`, `（征求意见稿）`: notes printed under a notice or a title. */
export const isNoteLine = (compacted: string): boolean =>
  /^[（(](?:此件|联系人|联系电话|征求意见稿|送审稿|讨论稿|草案|代拟稿)[^）)]{0,40}[）)]$/u.test(
    compacted,
  );

/** `附件`, `附件1`, `附件：` (alone, or followed by the document's name in the notice). */
export const isAttachmentLine = (compacted: string): boolean => /^附件\d*[:：]?/u.test(compacted);

/** An addressee line of a notice: `各乡镇人民政府，县直各部门：`. */
export const isAddressee = (compacted: string): boolean =>
  compacted.length <= 80 &&
  /[:：]$/u.test(compacted) &&
  /各|人民政府|部门|单位|委员会|办公室|局/u.test(compacted);

/**
 * The document a 印发/转发 notice forwards: `关于印发《X》的通知` → X (without 《》), or the
 * text between 印发 and 的通知 when it has no 《》. Null when the text is not such a notice title.
 */
export const forwardedTitle = (compacted: string): string | null => {
  const m = /(?:关于)?(?:印发|转发|下发|颁发)(.{2,100}?)的(?:通知|决定)$/u.exec(compacted);
  if (!m) return null;
  const inner = m[1] ?? "";
  const quoted = /《([^《》]{2,100})》/u.exec(inner);
  const named = quoted ? (quoted[1] ?? "") : inner.replace(/^[“"]|[”"]$/gu, "");
  // 关于转发《市政府办公室关于印发〈X〉的通知》的通知: the document is X
  const nested = forwardedTitle(named.replace(/〈/gu, "《").replace(/〉/gu, "》"));
  return nested ?? named;
};

/**
 * Lines at the end of a copied web page (打印本页 关闭窗口, 版权所有…): how many of the last
 * lines are page chrome, at most 12. Source: the layout of county and city government sites.
 */
export const trailingChromeCount = (lines: readonly SourceLine[]): number => {
  let n = 0;
  while (n < lines.length && n < 12) {
    const line = lines[lines.length - 1 - n];
    if (!line || !isNavigation(compact(line.text))) break;
    n++;
  }
  return n;
};
