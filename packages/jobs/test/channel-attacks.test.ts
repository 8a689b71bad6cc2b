// Attacks on the group robots of issue #20 with the real outbox, a real database and a real local
// platform server: what reaches which group, and what people's text can make a robot post.
import { expect } from "vitest";

import type { Db } from "@duban/db";
import { enqueueNotifications, type OutboxMessage } from "@duban/domain";

import { sendPendingChannelDeliveries } from "../src/channels/channel-sender.ts";
import { buildWorld, type World } from "./builders.ts";
import { test, wecomRobot } from "./channel-fixtures.ts";
import type { FakePlatforms } from "./fake-platforms.ts";
import { capturingLogger } from "./helpers.ts";

const robot = (
  db: Db,
  w: World,
  platforms: FakePlatforms,
  name: string,
  departmentId: string | null,
  kinds: string[],
) => wecomRobot(db, w, platforms, { kinds, departmentId, name });

/** One message of `kind` to `to` (an account, or a bare address), as the producers write them. */
function message(
  w: World,
  to: { email: string; id?: string },
  tag: string,
  kind: "due-soon" | "overdue-escalation",
  extra: Partial<Pick<OutboxMessage, "subject" | "inbox">> = {},
): OutboxMessage {
  const base = {
    recipientEmail: to.email,
    recipientUserId: to.id ?? null,
    jurisdictionId: w.jurisdiction.id,
    dedupeKey: `${kind}:${w.jurisdiction.id}:${to.email}:${tag}`,
    subject: `【督办】${tag}`,
    ...extra,
  };
  return kind === "overdue-escalation"
    ? {
        ...base,
        kind,
        payload: { day: "2024-01-01", total: 0, escalationDays: 14, items: [] },
      }
    : { ...base, kind, payload: { day: "2024-01-01", items: [] } };
}

test("a unit's robot never posts what was addressed to the office, nor to an address two units share", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const kinds = ["due-soon", "overdue-escalation"];
  const science = await robot(db, w, platforms, "科技局群", w.science.id, kinds);
  const finance = await robot(db, w, platforms, "财政局群", w.finance.id, kinds);
  const office = await robot(db, w, platforms, "办公室群", null, kinds);
  // the office gave its own address to the finance unit (a unit without an account of its own),
  // and two units share one mailbox
  const shared = `shared-${w.s}@xf.gov.cn`;
  await db.department.update({
    where: { id: w.finance.id },
    data: { contactEmails: { push: [w.office.email, shared] } },
  });
  await db.department.update({
    where: { id: w.science.id },
    data: { contactEmails: { push: shared } },
  });
  const postsOf = async (tag: string) =>
    (
      await db.channelDelivery.findMany({
        where: { dedupeKey: { contains: tag } },
        select: { robotId: true },
      })
    )
      .map((d) => d.robotId)
      .sort();

  // the office's escalation (every unit's overdue tasks) goes to the office's group only
  await enqueueNotifications(db, [message(w, w.office, "esc-office", "overdue-escalation")]);
  expect(await postsOf("esc-office")).toEqual([office.id]);
  // a message to the shared mailbox cannot be told apart: not to either unit's group
  await enqueueNotifications(db, [message(w, { email: shared }, "shared-box", "due-soon")]);
  expect(await postsOf("shared-box")).toEqual([office.id]);
  // control: the science unit's own staff member's message reaches the science group
  await enqueueNotifications(db, [message(w, w.scienceStaff, "own-unit", "due-soon")]);
  expect(await postsOf("own-unit")).toEqual([office.id, science.id].sort());
  expect(await db.channelDelivery.count({ where: { robotId: finance.id } })).toBe(0);
});

test("people's text in a robot post is text: no disguised link, image, mention or tag; the title once", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const r = await robot(db, w, platforms, "科技局群", w.science.id, ["due-soon"]);
  const subject = "【督办】[紧急：账号异常请重新登录](http://evil.example/login)\n<@all>";
  await enqueueNotifications(db, [
    message(w, w.scienceStaff, "md", "due-soon", {
      subject,
      inbox: {
        body: '![](http://evil.example/pixel.png)\n> 上级通知\n<font color="warning">限今日</font>',
      },
    }),
  ]);
  const result = await sendPendingChannelDeliveries({
    db,
    log: capturingLogger().log,
    baseUrl: "https://duban.example.gov.cn",
    robotBaseUrl: { WECOM: platforms.url, DINGTALK: platforms.url },
    sms: null,
    timeoutMs: 2000,
  });
  expect(result).toMatchObject({ sent: 1 });
  const post = platforms.received.find((x) => x.to === r.key)!;
  const content = (post.body.markdown as { content: string }).content;
  // nothing anyone typed is markup: no link or image to evil.example, no mention, no tag, no quote
  expect(content).not.toMatch(/\]\(http:\/\/evil|<@all>|<font|^>/m);
  expect(content).toContain("［紧急：账号异常请重新登录］(http://evil.example/login)");
  // the heading is the title, on one line, once; the only link is Duban's own
  expect(content.match(/紧急：账号异常/g)).toHaveLength(1);
  expect(content.split("\n")[0]).toBe(
    "### 【督办】［紧急：账号异常请重新登录］(http://evil.example/login) ＜@all＞",
  );
  expect(content.match(/\]\((https?:[^)]*)\)/g)).toEqual(["](https://duban.example.gov.cn/inbox)"]);
});
