import { createHmac } from "node:crypto";

import { describe, expect } from "vitest";

import { ChannelSendError, type ChannelMessage, type SmsGatewayTarget } from "../src/channel.ts";
import {
  createSmsGatewayTransport,
  normalizeMainlandMobile,
  SMS_MAX_CHARS,
  smsContentFor,
  smsSignature,
} from "../src/sms-gateway.ts";
import { test } from "./fixture.ts";

const message = (kind: string, variables: Record<string, string> = {}): ChannelMessage => ({
  title: "任务即将到期",
  markdown: "**创新平台建设** 将于 6 月 30 日到期",
  text: "创新平台建设将于6月30日到期",
  url: "https://duban.example/tasks/9",
  kind,
  variables,
});

const target = (url: string, patch: Partial<SmsGatewayTarget> = {}): SmsGatewayTarget => ({
  url,
  appId: "duban",
  appSecret: "sms-secret",
  signName: "科技局督办",
  phone: "+86 138-0013-8000",
  templates: {
    TASK_DUE_SOON: "【督办】{name}：任务「{taskTitle}」将于{dueDate}到期，详情 {url}",
    TASK_OVERDUE: "id:SMS_900001",
    default: "【督办】{title}：{text}",
  },
  ...patch,
});

async function sendError(promise: Promise<unknown>): Promise<ChannelSendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelSendError);
  return error as ChannelSendError;
}

describe("mainland mobile numbers", () => {
  const table: Array<[string, string | null]> = [
    ["13800138000", "13800138000"],
    ["+8613800138000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["86-138-0013-8000", "13800138000"],
    ["008619912345678", "19912345678"],
    ["１３８００１３８０００", "13800138000"],
    [" 166 6666 6666 ", "16666666666"],
    ["12800138000", null], // 12x is not a mobile prefix
    ["1380013800", null], // 10 digits
    ["138001380001", null], // 12 digits
    ["+85213800138000", null], // Hong Kong prefix
    ["010-12345678", null], // a landline
    ["8613800138000x", null],
    ["", null],
    ["+86", null],
  ];
  test.each(table)("%j → %j", (input, expected) => {
    expect(normalizeMainlandMobile(input)).toBe(expected);
  });
});

describe("SMS templates", () => {
  test("each kind picks its own template and fills its variables", () => {
    const due = smsContentFor(
      target("x").templates,
      message("TASK_DUE_SOON", { name: "张三", taskTitle: "创新平台建设", dueDate: "6月30日" }),
    );
    expect(due.content).toBe(
      "【督办】张三：任务「创新平台建设」将于6月30日到期，详情 https://duban.example/tasks/9",
    );
    const overdue = smsContentFor(target("x").templates, message("TASK_OVERDUE", { name: "张三" }));
    expect(overdue).toMatchObject({ templateId: "SMS_900001", params: { name: "张三" } });
    expect(overdue.content).toBeUndefined();
    const other = smsContentFor(target("x").templates, message("BULLETIN"));
    expect(other.content).toBe("【督办】任务即将到期：创新平台建设将于6月30日到期");
  });

  test("no template for the kind and no default is a misconfiguration", () => {
    expect(() => smsContentFor({ TASK_OVERDUE: "x" }, message("BULLETIN"))).toThrowError(
      expect.objectContaining({ options: expect.objectContaining({ misconfigured: true }) }),
    );
  });

  test("a long text is capped at 500 characters and keeps the link", () => {
    const long = { ...message("default"), text: "按序时进度推进。".repeat(200) };
    const { content = "" } = smsContentFor({ default: "{text}" }, long);
    expect(Array.from(content)).toHaveLength(SMS_MAX_CHARS);
    expect(content.endsWith("… https://duban.example/tasks/9")).toBe(true);
  });

  test("the signature matches an independent HMAC (Python hmac, hexdigest)", () => {
    const fields = {
      appId: "duban",
      timestamp: "1700000000000",
      nonce: "abc123",
      phone: "13800138000",
    };
    expect(smsSignature("sms-secret", fields)).toBe(
      "d620b324d708644ff8b6cddb34fa513a601a6dd003aba297725ef7a40fbdfff0",
    );
  });
});

describe("SMS gateway transport", () => {
  test("posts the signed request; the gateway checks it and returns its message id", async ({
    platform,
  }) => {
    const transport = createSmsGatewayTransport();
    const result = await transport.send(
      target(platform.smsUrl),
      message("TASK_DUE_SOON", { name: "张三", taskTitle: "创新平台建设", dueDate: "6月30日" }),
    );
    expect(result).toEqual({ providerMessageId: "sms-1", parts: 1 });
    const [sent] = platform.delivered("sms");
    const body = sent?.json as Record<string, string>;
    expect(body).toMatchObject({ phone: "13800138000", signName: "科技局督办", appId: "duban" });
    const data = `duban\n${body.timestamp}\n${body.nonce}\n13800138000`;
    expect(body.signature).toBe(createHmac("sha256", "sms-secret").update(data).digest("hex"));
    expect(sent?.text).toContain("张三：任务「创新平台建设」");
  });

  test("a template id is sent with its params", async ({ platform }) => {
    const transport = createSmsGatewayTransport();
    await transport.send(target(platform.smsUrl), message("TASK_OVERDUE", { name: "李四" }));
    const [sent] = platform.delivered("sms");
    expect(sent?.json).toMatchObject({ templateId: "SMS_900001", params: { name: "李四" } });
    expect(sent?.json).not.toHaveProperty("content");
  });

  test("an invalid number is refused before anything is posted", async ({ platform }) => {
    const transport = createSmsGatewayTransport();
    const error = await sendError(
      transport.send(target(platform.smsUrl, { phone: "010-12345678" }), message("BULLETIN")),
    );
    expect(error.options).toMatchObject({ permanent: true, code: "INVALID_PHONE" });
    expect(platform.requests).toEqual([]);
  });

  test("a wrong app secret is permanent and misconfigured (401)", async ({ platform }) => {
    const transport = createSmsGatewayTransport();
    const error = await sendError(
      transport.send(target(platform.smsUrl, { appSecret: "wrong" }), message("BULLETIN")),
    );
    expect(error.options).toMatchObject({
      permanent: true,
      misconfigured: true,
      code: "SIGNATURE_INVALID",
    });
  });

  test("429 waits as told; 5xx is transient; a hang is an ambiguous timeout", async ({
    platform,
  }) => {
    const transport = createSmsGatewayTransport({ timeoutMs: 300 });
    platform.fail({ kind: "http", status: 429, retryAfter: "30" });
    const limited = await sendError(transport.send(target(platform.smsUrl), message("BULLETIN")));
    expect(limited.options).toMatchObject({ permanent: false, retryAfterMs: 30_000 });
    platform.fail({ kind: "http", status: 500 });
    const failed = await sendError(transport.send(target(platform.smsUrl), message("BULLETIN")));
    expect(failed.options).toMatchObject({ permanent: false, code: "HTTP_500" });
    platform.fail({ kind: "hang" });
    const hung = await sendError(transport.send(target(platform.smsUrl), message("BULLETIN")));
    expect(hung.options).toMatchObject({ permanent: false, ambiguous: true, code: "TIMEOUT" });
  });

  test("a 2xx answer with a refusal code is permanent", async ({ platform }) => {
    platform.fail({ kind: "answer", body: { code: "BLACKLISTED", message: "用户已退订" } });
    const transport = createSmsGatewayTransport();
    const error = await sendError(transport.send(target(platform.smsUrl), message("BULLETIN")));
    expect(error.options).toMatchObject({ permanent: true, code: "BLACKLISTED" });
    expect(error.message).toContain("用户已退订");
  });

  test("a dropped connection is transient and ambiguous (the gateway may have sent it)", async ({
    platform,
  }) => {
    platform.fail({ kind: "reset" });
    const transport = createSmsGatewayTransport();
    const error = await sendError(transport.send(target(platform.smsUrl), message("BULLETIN")));
    expect(error.options).toMatchObject({ permanent: false, ambiguous: true });
    expect(platform.requests).toHaveLength(1);
  });
});
