import type { Db } from "@duban/db";
import {
  bulletinDocumentData,
  isDigestPayload,
  shanghaiDay,
  systemActor,
  type ClaimedNotification,
} from "@duban/domain";
import {
  mailPartOf,
  renderDigest,
  renderEmail,
  type MailPart,
  type OutgoingEmail,
} from "@duban/mail";

import { quarterlySummaryWorkbook } from "../summary-workbook.ts";

/** A unit of sending: one email, standing for one notification or a recipient's whole digest. */
export type SendUnit = { rows: ClaimedNotification[]; digest: boolean };

/** Immediate rows go one by one; held digest rows of the same recipient go together. */
export function groupIntoUnits(rows: ClaimedNotification[]): SendUnit[] {
  const units: SendUnit[] = [];
  const digests = new Map<string, ClaimedNotification[]>();
  for (const row of rows) {
    if (!isDigestPayload(row.payload)) units.push({ rows: [row], digest: false });
    else {
      const held = digests.get(row.recipientEmail);
      if (held) held.push(row);
      else digests.set(row.recipientEmail, [row]);
    }
  }
  for (const rows of digests.values())
    // by kind, then id: the claim returns rows in no set order, and the Message-ID takes the first
    units.push({
      rows: rows.sort(
        (a, b) => a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      ),
      digest: true,
    });
  return units;
}

/** A Message-ID derived from the notification, the same on every retry: a rare duplicate looks like one to mail clients. */
export const messageIdFor = (unit: SendUnit) =>
  `<${unit.rows[0]!.id}${unit.digest ? `.digest${unit.rows.length}` : ""}@duban.notifications>`;

export async function composeEmail(
  unit: SendUnit,
  ctx: { baseUrl: string; now: Date; db?: Db },
): Promise<OutgoingEmail> {
  const first = unit.rows[0]!;
  // each row read as the email its kind stands for (an unknown kind throws: a permanent failure)
  const parts = unit.rows.map(mailPartOf);
  const headers = {
    "X-Duban-Notification": unit.rows.map((r) => r.id).join(","),
    "Auto-Submitted": "auto-generated",
  };
  if (unit.digest) {
    const body = renderDigest(parts, { baseUrl: ctx.baseUrl, day: shanghaiDay(ctx.now) });
    return {
      to: first.recipientEmail,
      subject: body.subject,
      html: body.html,
      text: body.text,
      messageId: messageIdFor(unit),
      headers,
      attachments: await attachmentsFor(parts, ctx.db),
    };
  }
  const body = renderEmail(parts[0]!, { baseUrl: ctx.baseUrl });
  return {
    to: first.recipientEmail,
    subject: first.subject,
    html: body.html,
    text: body.text,
    messageId: messageIdFor(unit),
    headers,
    attachments: await attachmentsFor(parts.slice(0, 1), ctx.db),
  };
}

/**
 * The quarterly summary's workbook is built from the payload snapshot, so every recipient gets the
 * same figures. A 督查通报 carries its .docx as issued (an issued bulletin never changes; it prints
 * the ranking every reader of the jurisdiction sees, no drill-down), read when `db` is given.
 */
async function attachmentsFor(parts: MailPart[], db?: Db) {
  const out = [];
  for (const p of parts) {
    if (p.kind === "bulletin" && db) {
      const data = await bulletinDocumentData(
        { db, actor: systemActor("send-notifications") },
        { bulletinId: p.payload.bulletinId },
      );
      const { buildBulletinDocx } = await import("@duban/reports");
      out.push({
        filename: `${data.fileBase}.docx`,
        content: await buildBulletinDocx(data),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      });
      continue;
    }
    if (p.kind !== "quarterly-summary") continue;
    const s = p.payload;
    out.push({
      filename: `${s.planTitle}-${s.period}-季度通报.xlsx`,
      content: await quarterlySummaryWorkbook(s),
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  }
  return out;
}
