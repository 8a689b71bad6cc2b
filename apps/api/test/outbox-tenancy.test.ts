import { afterAll, describe, expect } from "vitest";

import { test } from "@duban/test-utils";

import { connect, loginAs, outcome } from "./harness.ts";
import { tenancyWorldOnce } from "./tenancy-world.ts";
import { PASSWORD } from "./world.ts";

const once = tenancyWorldOnce();
afterAll(() => once.close());

describe("the outbox view shows only what the office's own jurisdiction caused", () => {
  test("contact addresses pointed at another county's people open none of their mail; password resets are listed to nobody", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const officeA = await loginAs(t.api, "office@a.test", PASSWORD);
    const officeB = await loginAs(t.api, "office@b.test", PASSWORD);
    const cityOffice = await loginAs(t.api, "office@city.test", PASSWORD);
    // the attack: A lists B's office among its unit's contacts…
    await officeA.admin.updateDepartment.mutate({
      departmentId: t.world.d1.id,
      contactEmails: ["d1@a.test", "office@b.test"],
    });
    // …then mail flows to that person: B's own escalation, A's digest (A caused it), and a password reset
    await t.runAsCli("overdue-scan", { dryRun: false });
    await connect(t.api).auth.requestPasswordReset.mutate({ email: "office@b.test" });
    const toB = await t.db.notification.findMany({ where: { recipientEmail: "office@b.test" } });
    const fromB = toB.find((n) => n.kind === "overdue-escalation")!;
    const reset = toB.find((n) => n.kind === "password-reset")!;
    // A's digest does not reach B's office at all: the visibility rule sends a unit's tasks only to
    // contacts who may see them (packages/domain/src/visibility.ts); A's mail to its own mailbox remains
    expect(toB.find((n) => n.kind === "overdue")).toBeUndefined();
    const fromA = (await t.db.notification.findFirst({
      where: { recipientEmail: "d1@a.test", kind: "overdue" },
    }))!;
    expect([fromB.jurisdictionId, fromA.jurisdictionId, reset.jurisdictionId]).toEqual([
      t.world.b.id,
      t.world.a.id,
      null,
    ]);
    await t.db.notification.updateMany({
      where: { id: { in: [fromB.id, reset.id, fromA.id] } },
      data: { state: "FAILED", lastError: "550 test" },
    });

    const listA = await officeA.notification.list.query({
      jurisdictionId: t.world.a.id,
      page: 1,
      pageSize: 100,
    });
    const idsA = listA.items.map((n) => n.id);
    expect(idsA).toContain(fromA.id);
    expect(idsA).not.toContain(fromB.id);
    expect(idsA).not.toContain(reset.id);
    const causes = await t.db.notification.findMany({
      where: { id: { in: idsA } },
      select: { jurisdictionId: true },
    });
    expect(causes.every((n) => n.jurisdictionId === t.world.a.id)).toBe(true);
    expect(Object.keys(listA.items[0]!)).not.toContain("payload");
    expect(await outcome(() => officeA.notification.retry.mutate({ id: fromB.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(() => officeA.notification.retry.mutate({ id: reset.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await outcome(() =>
        officeA.notification.list.query({ jurisdictionId: t.world.b.id, page: 1, pageSize: 10 }),
      ),
    ).toBe("FORBIDDEN");

    // B's office sees B's escalation to its own person, still not the password reset
    const idsB = (
      await officeB.notification.list.query({
        jurisdictionId: t.world.b.id,
        page: 1,
        pageSize: 100,
      })
    ).items.map((n) => n.id);
    expect(idsB).toContain(fromB.id);
    expect(idsB).not.toContain(reset.id);
    expect(idsB).not.toContain(fromA.id);
    expect(await outcome(() => officeB.notification.retry.mutate({ id: reset.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(() => officeB.notification.retry.mutate({ id: fromB.id }))).toBe("OK");

    // the city's office: its county below, not the other county
    expect(
      (
        await cityOffice.notification.list.query({
          jurisdictionId: t.world.a.id,
          page: 1,
          pageSize: 100,
        })
      ).items.map((n) => n.id),
    ).toContain(fromA.id);
    expect(await outcome(() => cityOffice.notification.retry.mutate({ id: fromA.id }))).toBe("OK");
    expect(
      await outcome(() =>
        cityOffice.notification.list.query({ jurisdictionId: t.world.b.id, page: 1, pageSize: 10 }),
      ),
    ).toBe("FORBIDDEN");

    // the sender's dry run lists only the office's own mail, never account mail
    const dry = (await officeA.jobs.runNow.mutate({
      name: "send-notifications",
      dryRun: true,
    })) as { recipients: Array<{ dedupeKey: string; kind: string }> };
    const dueIds = await t.db.notification.findMany({
      where: { dedupeKey: { in: dry.recipients.map((r) => r.dedupeKey) } },
      select: { jurisdictionId: true, kind: true },
    });
    expect(dueIds.length).toBeGreaterThan(0);
    expect(
      dueIds.every((n) => n.jurisdictionId === t.world.a.id && n.kind !== "password-reset"),
    ).toBe(true);
    // nor does the operator's, though it counts what it holds back
    await t.db.notification.update({
      where: { id: reset.id },
      data: { state: "PENDING", nextAttemptAt: new Date(0) },
    });
    const cli = (await t.runAsCli("send-notifications", { dryRun: true })) as {
      summary: { accountMailNotListed?: number };
      recipients: Array<{ dedupeKey: string }>;
    };
    expect(cli.recipients.map((r) => r.dedupeKey)).not.toContain(reset.dedupeKey);
    expect(cli.summary.accountMailNotListed).toBeGreaterThanOrEqual(1);
  });
});
