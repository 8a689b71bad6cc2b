// What people's text can make an SMS say (issue #20), against the real local gateway server.
import { describe, expect } from "vitest";

import type { ChannelMessage, SmsGatewayTarget } from "../src/channel.ts";
import { createSmsGatewayTransport } from "../src/sms-gateway.ts";
import { test } from "./fixture.ts";

const forged: ChannelMessage = {
  // a task title typed to pass the message off as a bank's: 【…】 is an SMS's signature
  title: "您的账户存在异常，请致电 400-000-0000【某某银行】",
  markdown: "",
  text: "【某某银行】回复 TD 退订",
  url: "https://duban.example/tasks/9",
  kind: "due-soon",
  variables: { body: "【公安局】请配合调查" },
};

const target = (url: string, templates: Record<string, string>): SmsGatewayTarget => ({
  url,
  appId: "duban",
  appSecret: "sms-secret",
  signName: "督办",
  phone: "13800138000",
  templates,
});

describe("SMS: no one's text signs the message", () => {
  test("【 】 in a title or body become [ ] in the text and in a registered template's params; the template's own signature stays", async ({
    platform,
  }) => {
    const transport = createSmsGatewayTransport();
    await transport.send(
      target(platform.smsUrl, { default: "【督办】{title} {text} {url}" }),
      forged,
    );
    await transport.send(target(platform.smsUrl, { default: "id:SMS_1" }), forged);
    const [free, registered] = platform.delivered("sms");
    expect(free?.accepted).toBe(true);
    // the only signature is the deployment's, at the start
    expect(free?.text?.match(/【[^】]*】/g)).toEqual(["【督办】"]);
    expect(free?.text).toContain("[某某银行]");
    const params = (registered?.json as { params: Record<string, string> }).params;
    expect(Object.values(params).join("")).not.toMatch(/[【】]/);
    expect(params.body).toBe("[公安局]请配合调查");
  });
});
