/**
 * One block of an official document's body (党政机关公文格式, GB/T 9704-2012). Texts as stored;
 * the builder escapes them. Heading levels follow the standard's 结构层次序数:
 * 1 = 一、 (黑体), 2 = （一） (楷体), 3 = 1. (仿宋, bold); the caller writes the numbering.
 */
export type OfficialBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | {
      kind: "paragraph";
      text: string;
      /** a bold 黑体 lead-in before the text, e.g. 任务名称 (printed as 任务名称：text) */
      label?: string;
    }
  | {
      kind: "table";
      /** 表题, printed above the table in 黑体 */
      caption?: string;
      /**
       * Column headers. `role` guides the width: `name` columns (indicator, task or unit names)
       * never get fewer than six characters; `number` columns are sized to their widest value.
       */
      columns: Array<{ title: string; role?: "name" | "text" | "number" }>;
      rows: string[][];
    }
  | {
      kind: "chart";
      /** 图题, printed under the picture */
      caption: string;
      /** a PNG rendered on the server (charts.ts) */
      png: Uint8Array;
      /** the picture's size on the page, in millimetres (the type area is 156 mm wide) */
      widthMm: number;
      heightMm: number;
    };

/** An official document: 标题, optional 发文字号 and 主送, body blocks, 发文机关署名 and 成文日期. */
export type OfficialDocument = {
  /** 发文机关标志 (red, centred, above the 发文字号), when the document carries a 版头 */
  mark?: string;
  /** colour of the title (RRGGBB), e.g. a 督办通知单's level colour; black when unset */
  titleColor?: string;
  /** 标题 (小标宋 2号, centred; long titles break into lines by the builder) */
  title: string;
  /** 发文字号, e.g. 西科督通〔2026〕3号, printed centred above the title's red rule when set */
  docNumber?: string;
  /** 主送机关, e.g. 各成员单位 */
  recipients?: string;
  blocks: OfficialBlock[];
  /** 发文机关署名, e.g. 西丰县科技创新工作领导小组办公室 */
  issuer: string;
  /** 成文日期 YYYY-MM-DD (Asia/Shanghai), printed as 2026年11月30日 */
  date: string;
  /** 抄送 line, when there is one */
  copiedTo?: string[];
};
