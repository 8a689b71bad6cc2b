// What a 督查通报's Word document and score workbook print (issue #18). The builders live in
// @duban/reports (bulletin-docx.ts, bulletin-xlsx.ts), which imports the domain, not the reverse.
import type { z } from "zod";

import { shanghaiDay, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { schemeComponentLabels } from "../i18n/labels.ts";
import { issuingOfficeName } from "../i18n/notice-text.ts";
import type { BulletinText, ZBulletinIdInput } from "../schemas/assessment.ts";
import {
  componentKinds,
  loadBulletinForActor,
  rankingFor,
  type RankingRow,
} from "./bulletin-access.ts";
import { scorePeriodLabel } from "./bulletin-text.ts";

export type BulletinDocumentData = {
  /** 发文字号; null for a draft (the office's preview) */
  docNumber: string | null;
  title: string;
  /** 主送机关 */
  recipients: string;
  text: BulletinText;
  period: string;
  periodLabel: string;
  /** the sheet's data date */
  asOf: IsoDate;
  /** the ranking's component columns, in scheme order: kind and its Chinese name */
  components: Array<{ kind: RankingRow["components"][number]["kind"]; label: string }>;
  /** ranked rows as the reader may see them (rankingFor: drill-down figures cut for other units) */
  ranking: RankingRow[];
  /** 发文机关署名: the jurisdiction's leading-group office */
  issuer: string;
  /** 成文日期: the day issued (Asia/Shanghai), today for a draft */
  date: IsoDate;
  /** the file name without extension: 文号 (or 通报草稿) + title */
  fileBase: string;
};

/**
 * The data of a bulletin's .docx and scores .xlsx, read by the same rule as `bulletin.get`
 * (loadBulletinForActor: drafts for the office only, issued ones for every reader of the
 * jurisdiction; NOT_FOUND otherwise).
 */
export async function bulletinDocumentData(
  { db, actor, now }: DomainContext,
  { bulletinId }: z.infer<typeof ZBulletinIdInput>,
): Promise<BulletinDocumentData> {
  const b = await loadBulletinForActor(db, actor, bulletinId);
  const jurisdiction = await db.jurisdiction.findUniqueOrThrow({
    where: { id: b.jurisdictionId },
    select: { name: true },
  });
  return {
    docNumber: b.docNumber,
    title: b.title,
    recipients: "各成员单位",
    text: b.text,
    period: b.period,
    periodLabel: scorePeriodLabel(b.period),
    asOf: b.sheet.asOf,
    components: componentKinds(b.sheet).map((kind) => ({
      kind,
      label: schemeComponentLabels[kind].zh,
    })),
    ranking: rankingFor(b.sheet, actor, b.access),
    issuer: issuingOfficeName(jurisdiction.name),
    date: shanghaiDay(b.issuedAt ?? now ?? new Date()),
    fileBase: `${b.docNumber ?? "通报草稿"}-${b.title}`,
  };
}
