import type { NotificationPayload } from "@duban/domain";

import { url, type RenderContext, type Section } from "../layout.ts";
import { loopSection } from "./loop-common.ts";

/** 督查通报 issued: to every unit of the jurisdiction and its leaders, with links to the bulletin and its .docx. */
export function bulletin(p: NotificationPayload<"bulletin">, ctx: RenderContext): Section {
  const page = url(ctx, `/bulletins?bulletin=${encodeURIComponent(p.bulletinId)}`);
  return loopSection({
    intro: `${p.issuingOffice}于${p.issuedOn}印发${p.docNumber}《${p.title}》，通报${p.periodLabel}${p.unitCount}个成员单位的考核评分结果，请认真阅研、对照整改。`,
    facts: [
      { label: "文号", value: p.docNumber },
      { label: "标题", value: p.title, href: page },
      { label: "考核期", value: p.periodLabel },
      { label: "印发单位", value: p.issuingOffice },
      {
        label: "通报全文",
        value: "下载 Word 文档",
        href: url(ctx, `/api/bulletins/${encodeURIComponent(p.bulletinId)}/document`),
      },
    ],
    action: { label: "查看通报", href: page },
    en: `Bulletin ${p.docNumber} on the ${p.period} scores has been issued; see it in Duban.`,
  });
}
