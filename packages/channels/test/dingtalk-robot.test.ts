import { createHmac } from "node:crypto";

import { describe, expect } from "vitest";

import { ChannelSendError, type ChannelMessage } from "../src/channel.ts";
import {
  createDingtalkRobotTransport,
  DINGTALK_MARKDOWN_MAX_BYTES,
  dingtalkSign,
} from "../src/dingtalk-robot.ts";
import { utf8Bytes } from "../src/split.ts";
import { test } from "./fixture.ts";

const message = (markdown: string): ChannelMessage => ({
  title: "督办提醒",
  markdown,
  text: markdown,
  url: "https://duban.example/tasks/7",
  kind: "SUPERVISION_NOTICE",
});

async function sendError(promise: Promise<unknown>): Promise<ChannelSendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelSendError);
  return error as ChannelSendError;
}

describe("钉钉 加签", () => {
  test("matches a value computed by DingTalk's Python sample (hmac, base64, quote_plus)", () => {
    // python3: quote_plus(b64encode(hmac.new(secret, f"{ts}\n{secret}", sha256).digest()))
    expect(dingtalkSign("SECd5f1b3c0e8a94e1c2b7f", 1_700_000_000_000)).toBe(
      "1UpUj8ogqmexE8XL8yMsXjwJZiv%2FpB2FDnrGYPDWaWA%3D",
    );
  });

  test("matches WebCrypto's HMAC for any timestamp", async () => {
    const secret = "SEC这是一个密钥";
    const timestamp = 1_764_650_000_123;
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode(`${timestamp}\n${secret}`),
    );
    const expected = new URLSearchParams({ s: Buffer.from(mac).toString("base64") })
      .toString()
      .slice(2);
    expect(dingtalkSign(secret, timestamp)).toBe(expected);
  });
});

describe("钉钉 custom robot", () => {
  test("a signed robot receives a fresh timestamp and a sign the platform accepts", async ({
    platform,
  }) => {
    const transport = createDingtalkRobotTransport();
    const target = { accessToken: "ding-token", secret: "SECding-secret", baseUrl: platform.url };
    const result = await transport.send(target, message("**区发改委**：中期评估材料待报送"));
    expect(result).toEqual({ parts: 1 });
    const [sent] = platform.delivered("dingtalk");
    const timestamp = sent?.query.timestamp ?? "";
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    const independent = createHmac("sha256", "SECding-secret")
      .update(`${timestamp}\nSECding-secret`)
      .digest("base64");
    expect(sent?.query.sign).toBe(independent);
    expect(sent?.json).toEqual({
      msgtype: "markdown",
      markdown: { title: "督办提醒", text: expect.stringContaining("中期评估材料待报送") },
    });
  });

  test("a robot without 加签 is posted without timestamp and sign", async ({ platform }) => {
    const transport = createDingtalkRobotTransport();
    await transport.send({ accessToken: "ding-open", baseUrl: platform.url }, message("hello"));
    const [sent] = platform.delivered("dingtalk");
    expect(sent?.query).toEqual({ access_token: "ding-open" });
  });

  test("a wrong secret is permanent and misconfigured (310000 sign not match)", async ({
    platform,
  }) => {
    const transport = createDingtalkRobotTransport();
    const target = { accessToken: "ding-token", secret: "SECwrong", baseUrl: platform.url };
    const error = await sendError(transport.send(target, message("x")));
    expect(error.options).toMatchObject({ permanent: true, misconfigured: true, code: "310000" });
    expect(error.message).toContain("sign not match");
    expect(platform.delivered()).toEqual([]);
  });

  test("a clock more than an hour off fails the signature check", async ({ platform }) => {
    const transport = createDingtalkRobotTransport({ now: () => Date.now() - 2 * 3_600_000 });
    const target = { accessToken: "ding-token", secret: "SECding-secret", baseUrl: platform.url };
    const error = await sendError(transport.send(target, message("x")));
    expect(error.options).toMatchObject({ permanent: true, misconfigured: true, code: "310000" });
  });

  test("a message without the robot's keyword is misconfigured (the office must set it)", async ({
    platform,
  }) => {
    const transport = createDingtalkRobotTransport();
    const target = { accessToken: "ding-keyword", baseUrl: platform.url };
    const error = await sendError(transport.send(target, message("进展")));
    expect(error.options).toMatchObject({ permanent: true, misconfigured: true });
    await transport.send(target, message("本周周报：进展"));
    expect(platform.delivered("dingtalk")).toHaveLength(1);
  });

  test("an unknown token is misconfigured (300001)", async ({ platform }) => {
    const transport = createDingtalkRobotTransport();
    const error = await sendError(
      transport.send({ accessToken: "gone", baseUrl: platform.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: true, misconfigured: true, code: "300001" });
  });

  test("a message over 20000 bytes is split at line ends with multi-byte text", async ({
    platform,
  }) => {
    const lines = Array.from({ length: 900 }, (_, index) => `${index}、各单位按序时进度报送台账🙂`);
    const transport = createDingtalkRobotTransport();
    const target = { accessToken: "ding-open", baseUrl: platform.url };
    const result = await transport.send(target, message(lines.join("\n")));
    const parts = platform.delivered("dingtalk");
    expect(parts.length).toBe(result.parts);
    expect(parts.length).toBeGreaterThan(1);
    for (const [index, part] of parts.entries()) {
      expect(utf8Bytes(part.text ?? "")).toBeLessThanOrEqual(DINGTALK_MARKDOWN_MAX_BYTES);
      expect(part.json).toMatchObject({
        markdown: { title: `督办提醒 (${index + 1}/${parts.length})` },
      });
    }
    const received = parts
      .flatMap((part) => (part.text ?? "").split("\n"))
      .filter((line) => /^\d+、/.test(line));
    expect(received).toEqual(lines);
  });

  test("send too fast (130101) asks to wait the 10-minute throttle", async ({ platform }) => {
    const transport = createDingtalkRobotTransport({ limiter: null });
    const target = { accessToken: "ding-open", baseUrl: platform.url };
    for (let index = 0; index < 20; index++) await transport.send(target, message(`${index}`));
    const error = await sendError(transport.send(target, message("21")));
    expect(error.options).toMatchObject({
      permanent: false,
      retryAfterMs: 10 * 60_000,
      code: "130101",
    });
  });

  test("the local limiter refuses the 21st, counting each part of a split message", async ({
    platform,
  }) => {
    const transport = createDingtalkRobotTransport();
    const target = { accessToken: "ding-open", baseUrl: platform.url };
    const long = Array.from({ length: 1500 }, () => "序时进度说明文字").join("\n"); // 2 parts
    const first = await transport.send(target, message(long));
    expect(first.parts).toBe(2);
    for (let index = 0; index < 18; index++) await transport.send(target, message(`${index}`));
    const error = await sendError(transport.send(target, message("21")));
    expect(error.options).toMatchObject({ permanent: false, code: "LOCAL_RATE_LIMIT" });
    expect(platform.delivered("dingtalk")).toHaveLength(20);
  });

  test("HTTP 429 without Retry-After waits 60 s; a hang is an ambiguous timeout", async ({
    platform,
  }) => {
    const transport = createDingtalkRobotTransport({ timeoutMs: 300 });
    const target = { accessToken: "ding-open", baseUrl: platform.url };
    platform.fail({ kind: "http", status: 429 });
    const limited = await sendError(transport.send(target, message("x")));
    expect(limited.options).toMatchObject({ permanent: false, retryAfterMs: 60_000 });
    platform.fail({ kind: "hang" });
    const hung = await sendError(transport.send(target, message("x")));
    expect(hung.options).toMatchObject({ permanent: false, ambiguous: true, code: "TIMEOUT" });
  });
});
