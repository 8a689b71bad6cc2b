import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { createMailer, MailSendError } from "./transport.ts";

const email = {
  to: "unit@example.gov.cn",
  subject: "【督办】测试",
  html: "<p>你好</p>",
  text: "你好",
};

test("delivers HTML, text, attachment and our Message-ID", async ({ smtp }) => {
  const mailer = createMailer({
    url: smtp.url,
    from: "督办系统 <duban@example.gov.cn>",
    idleMs: 20,
  });
  const sent = await mailer.send({
    ...email,
    messageId: "<n-1@duban>",
    attachments: [{ filename: "汇总.xlsx", content: Buffer.from("x") }],
  });
  expect(sent.messageId).toBe("<n-1@duban>");
  const [m] = await smtp.waitFor(1);
  expect(m!.subject).toBe("【督办】测试");
  expect(m!.to).toEqual(["unit@example.gov.cn"]);
  expect(m!.html).toContain("你好");
  expect(m!.attachments[0]!.filename).toBe("汇总.xlsx");
});

test("a refusal is a clear, non-ambiguous failure", async ({ smtp }) => {
  smtp.refuse(451);
  const mailer = createMailer({ url: smtp.url, from: "duban@example.gov.cn", idleMs: 20 });
  const error = await mailer.send(email).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MailSendError);
  expect(error).toMatchObject({ ambiguous: false, permanent: false, responseCode: 451 });
  smtp.refuse(550);
  expect(await mailer.send(email).catch((e: unknown) => e)).toMatchObject({
    ambiguous: false,
    permanent: true,
    responseCode: 550,
  });
});

test("a connection lost after the body was sent is ambiguous (the server did store it)", async ({
  smtp,
}) => {
  smtp.dropAfterData(1);
  const mailer = createMailer({
    url: smtp.url,
    from: "duban@example.gov.cn",
    timeoutMs: 3000,
    idleMs: 20,
  });
  const error = await mailer.send(email).catch((e: unknown) => e);
  expect(error).toMatchObject({ ambiguous: true, permanent: false });
  expect(smtp.messages).toHaveLength(1);
});

test("a server that is not there fails before any data: safe to retry", async () => {
  const mailer = createMailer({
    url: "smtp://127.0.0.1:9",
    from: "duban@example.gov.cn",
    timeoutMs: 2000,
    idleMs: 20,
  });
  expect(await mailer.send(email).catch((e: unknown) => e)).toMatchObject({
    ambiguous: false,
    permanent: false,
  });
});
