import { expect, test } from "vitest";

import { DIGEST_MARKER, type ClaimedNotification } from "@duban/domain";

import { groupIntoUnits, messageIdFor } from "./compose.ts";

const row = (
  id: string,
  kind: string,
  recipientEmail: string,
  digest: boolean,
): ClaimedNotification => ({
  id,
  kind,
  recipientEmail,
  recipientUserId: null,
  dedupeKey: id,
  subject: id,
  payload: digest ? { [DIGEST_MARKER]: "DIGEST" } : {},
  attempts: 0,
  claimedUntil: new Date(0),
});

test("a recipient's digest lists its rows by kind then id whatever order the claim returned them in, so a retry keeps its Message-ID", () => {
  const rows = [
    row("0c", "task-due", "a@x.cn", true),
    row("0a", "task-due", "a@x.cn", true),
    row("0b", "overdue", "a@x.cn", true),
    row("1a", "task-due", "b@x.cn", false),
  ];
  const shapes = [rows, [...rows].reverse(), [rows[2]!, rows[0]!, rows[3]!, rows[1]!]].map(
    (order) => {
      const units = groupIntoUnits(order);
      const digest = units.find((u) => u.digest)!;
      return {
        ids: digest.rows.map((r) => r.id),
        messageId: messageIdFor(digest),
        units: units.length,
      };
    },
  );
  expect(shapes[0]).toEqual({
    ids: ["0b", "0a", "0c"],
    messageId: "<0b.digest3@duban.notifications>",
    units: 2,
  });
  expect(shapes[1]).toEqual(shapes[0]);
  expect(shapes[2]).toEqual(shapes[0]);
});
