import { expect } from "vitest";

import { test } from "@duban/test-utils";

import type { Actor } from "../actor.ts";
import { listNotifications } from "./outbox-admin.ts";
import { departmentRecipients } from "./recipients.ts";
import { myNotificationSettings, setMyNotificationSetting } from "./settings.ts";

test("own settings: defaults, change with audit, and the recipient lists follow them", async ({
  database: { db },
}) => {
  const j = await db.jurisdiction.create({ data: { name: "西丰县-设置", kind: "COUNTY" } });
  const other = await db.jurisdiction.create({ data: { name: "昌图县-设置", kind: "COUNTY" } });
  const dept = await db.department.create({
    data: { jurisdictionId: j.id, name: "县科学技术局", contactEmails: ["KJJ@xf.gov.cn"] },
  });
  const staff = await db.user.create({
    data: { email: "staff@xf.gov.cn", name: "李四", passwordHash: "x" },
  });
  await db.membership.create({
    data: { userId: staff.id, jurisdictionId: j.id, role: "DEPARTMENT", departmentId: dept.id },
  });
  const actor: Actor = {
    kind: "user",
    userId: staff.id,
    email: staff.email,
    name: staff.name,
    memberships: [{ jurisdictionId: j.id, role: "DEPARTMENT", departmentId: dept.id }],
  };

  expect((await myNotificationSettings({ db, actor })).every((s) => s.mode === "IMMEDIATE")).toBe(
    true,
  );
  expect(
    (await departmentRecipients(db, [dept.id], "overdue"))
      .get(dept.id)!
      .map((r) => r.email)
      .sort(),
  ).toEqual(["kjj@xf.gov.cn", "staff@xf.gov.cn"]);

  await setMyNotificationSetting({ db, actor }, { kind: "overdue", mode: "MUTED" });
  await setMyNotificationSetting({ db, actor }, { kind: "due-soon", mode: "DIGEST" });
  expect(
    (await myNotificationSettings({ db, actor })).find((s) => s.kind === "overdue"),
  ).toMatchObject({ mode: "MUTED", label: "逾期任务日报" });
  expect(
    await db.auditEvent.count({ where: { action: "notification.setting", actorUserId: staff.id } }),
  ).toBe(2);
  expect(
    (await departmentRecipients(db, [dept.id], "overdue")).get(dept.id)!.map((r) => r.email),
  ).toEqual(["kjj@xf.gov.cn"]);
  expect(
    (await departmentRecipients(db, [dept.id], "due-soon"))
      .get(dept.id)!
      .find((r) => r.email === "staff@xf.gov.cn"),
  ).toMatchObject({ mode: "DIGEST" });

  // the outbox list is the office's, and only of what its jurisdiction caused (never account mail)
  await db.notification.createMany({
    data: [
      {
        kind: "overdue",
        recipientEmail: "kjj@xf.gov.cn",
        jurisdictionId: j.id,
        dedupeKey: "a",
        subject: "s",
        payload: {},
        state: "FAILED",
      },
      {
        kind: "overdue",
        recipientEmail: "staff@xf.gov.cn",
        recipientUserId: staff.id,
        jurisdictionId: j.id,
        dedupeKey: "b",
        subject: "s",
        payload: {},
      },
      {
        kind: "overdue",
        recipientEmail: "someone@ct.gov.cn",
        jurisdictionId: other.id,
        dedupeKey: "c",
        subject: "s",
        payload: {},
      },
      {
        kind: "overdue",
        recipientEmail: "kjj@xf.gov.cn",
        jurisdictionId: other.id,
        dedupeKey: "d",
        subject: "s",
        payload: {},
      },
      {
        kind: "password-reset",
        recipientEmail: "staff@xf.gov.cn",
        recipientUserId: staff.id,
        dedupeKey: "e",
        subject: "s",
        payload: {},
      },
    ],
  });
  await expect(
    listNotifications({ db, actor }, { jurisdictionId: j.id, page: 1, pageSize: 50 }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
  const office: Actor = {
    kind: "user",
    userId: staff.id,
    email: "o@xf.gov.cn",
    name: "办公室",
    memberships: [{ jurisdictionId: j.id, role: "OFFICE", departmentId: null }],
  };
  const all = await listNotifications(
    { db, actor: office },
    { jurisdictionId: j.id, page: 1, pageSize: 50 },
  );
  expect(all.items.map((n) => n.dedupeKey).sort()).toEqual(["a", "b"]);
  expect(
    (
      await listNotifications(
        { db, actor: office },
        {
          jurisdictionId: j.id,
          state: "FAILED",
          page: 1,
          pageSize: 50,
        },
      )
    ).total,
  ).toBe(1);
  await expect(
    listNotifications({ db, actor: office }, { jurisdictionId: other.id, page: 1, pageSize: 50 }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
});
