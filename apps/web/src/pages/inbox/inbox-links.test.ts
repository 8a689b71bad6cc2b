import { describe, expect, it } from "vitest";

import { inboxHref } from "./inbox-links.ts";

const m = (over: Partial<Parameters<typeof inboxHref>[0]>) => ({
  kind: "instruction",
  entityType: null,
  entityId: null,
  taskId: null,
  ...over,
});

describe("where an inbox message opens", () => {
  it("its task first, whatever the kind", () => {
    expect(
      inboxHref(
        m({
          kind: "supervision-notice",
          taskId: "t1",
          entityType: "SupervisionNotice",
          entityId: "n1",
        }),
      ),
    ).toBe("/tasks/t1");
    expect(inboxHref(m({ kind: "overdue", taskId: "t2" }))).toBe("/tasks/t2");
  });
  it("an instruction on an indicator opens the indicator", () => {
    expect(inboxHref(m({ kind: "bulletin", entityType: "Bulletin", entityId: "b 1" }))).toBe(
      "/bulletins?bulletin=b%201",
    );
    expect(inboxHref(m({ entityType: "Indicator", entityId: "i 1" }))).toBe(
      "/indicators?indicator=i%201",
    );
  });
  it("a digest of many tasks opens its list; a message with nothing to open has no link", () => {
    expect(inboxHref(m({ kind: "overdue" }))).toBe("/tasks?schedule=OVERDUE");
    expect(inboxHref(m({ kind: "cycle-reminder" }))).toBe("/ledger");
    expect(inboxHref(m({ kind: "quarterly-summary", entityType: "Plan", entityId: "p" }))).toBe(
      "/overview",
    );
    expect(inboxHref(m({ kind: "instruction" }))).toBeNull();
  });
});
