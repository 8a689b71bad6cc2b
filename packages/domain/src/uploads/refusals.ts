import { DomainError, invalid } from "../errors.ts";
import { formatBytes } from "./limits.ts";

// Refusals of an upload, Chinese first, each naming the limit it hit. All are INVALID on the
// "file" field (the form shows them at the file input), except the busy answers (RATE_LIMITED).

const wan = (n: number) =>
  n >= 10_000 && n % 10_000 === 0 ? `${n / 10_000} 万` : n.toLocaleString("en-US");

export const uploadRefusal = {
  tooLarge: (label: string, max: number) =>
    invalid(
      `${label}超过 ${formatBytes(max)}，请压缩或拆分后再上传`,
      `the file is larger than ${formatBytes(max)}`,
      "file",
    ),
  empty: () => invalid("文件为空", "empty file", "file"),
  notZip: (label: string) =>
    invalid(
      `无法读取该${label}：不是有效的 Office 文件（.xlsx/.docx）`,
      "not a valid Office (.xlsx/.docx) file",
      "file",
    ),
  corrupt: (label: string, detail: string) =>
    invalid(`${label}已损坏，无法读取（${detail}）`, `the file is corrupt (${detail})`, "file"),
  tooManyEntries: (max: number) =>
    invalid(
      `压缩包内的文件超过 ${wan(max)} 个，已拒绝（疑似压缩炸弹）`,
      `the archive has more than ${max} entries`,
      "file",
    ),
  inflatesTooLarge: (max: number) =>
    invalid(
      `文件解压后超过 ${formatBytes(max)}，已拒绝（疑似压缩炸弹）`,
      `the file expands to more than ${formatBytes(max)} when unpacked`,
      "file",
    ),
  sizeMismatch: () =>
    invalid(
      "压缩包内文件的实际大小与声明不符，已拒绝（疑似压缩炸弹）",
      "an entry inflates to a different size than its header declares",
      "file",
    ),
  xmlTooDeep: (max: number) =>
    invalid(
      `文件中的 XML 嵌套超过 ${max} 层，已拒绝`,
      `the file's XML is nested deeper than ${max} levels`,
      "file",
    ),
  xmlTooManyElements: (max: number) =>
    invalid(
      `文件中的 XML 元素超过 ${wan(max)} 个，已拒绝`,
      `the file's XML has more than ${max} elements`,
      "file",
    ),
  xmlDoctype: () =>
    invalid(
      "文件中含有 DTD 声明（Office 文件不应有），已拒绝",
      "the file's XML declares a DTD, which Office files never do",
      "file",
    ),
  pdfTooManyPages: (max: number) =>
    invalid(`PDF 超过 ${max} 页，已拒绝`, `the PDF has more than ${max} pages`, "file"),
  pdfInflatesTooLarge: (max: number) =>
    invalid(
      `PDF 解压后超过 ${formatBytes(max)}，已拒绝（疑似压缩炸弹）`,
      `the PDF's streams expand to more than ${formatBytes(max)}`,
      "file",
    ),
  busy: () =>
    new DomainError("RATE_LIMITED", "服务器繁忙，请稍后再试", "server busy, try again shortly"),
  userBusy: () =>
    new DomainError(
      "RATE_LIMITED",
      "您已有一个文件正在处理，请等它完成后再上传",
      "you already have a file being processed; wait for it to finish",
    ),
};
