import { describe, expect } from "vitest";

import { ChannelSendError, type ChannelMessage } from "../src/channel.ts";
import { utf8Bytes } from "../src/split.ts";
import { createWecomRobotTransport, WECOM_MARKDOWN_MAX_BYTES } from "../src/wecom-robot.ts";
import { test } from "./fixture.ts";
import { startFakePlatformServer } from "./robot-server.ts";

const message = (markdown: string, url = "https://duban.example/tasks/42"): ChannelMessage => ({
  title: "任务逾期提醒",
  markdown,
  text: markdown,
  url,
  kind: "TASK_OVERDUE",
});

async function sendError(promise: Promise<unknown>): Promise<ChannelSendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelSendError);
  return error as ChannelSendError;
}

describe("企业微信 group robot", () => {
  test("posts markdown with the title, body and link; the platform accepts it", async ({
    platform,
  }) => {
    const transport = createWecomRobotTransport();
    const result = await transport.send(
      { key: "wecom-key", baseUrl: platform.url },
      message("**科技局**：3 项任务已逾期"),
    );
    expect(result).toEqual({ parts: 1 });
    const [sent] = platform.delivered("wecom");
    expect(sent?.query.key).toBe("wecom-key");
    expect(sent?.json).toEqual({
      msgtype: "markdown",
      markdown: { content: expect.stringContaining("**科技局**：3 项任务已逾期") },
    });
    expect(sent?.text).toMatch(/^### 任务逾期提醒\n/);
    expect(sent?.text).toContain("(https://duban.example/tasks/42)");
  });

  test("a long Chinese message is cut at line ends into marked parts within 4096 bytes", async ({
    platform,
  }) => {
    const lines = Array.from(
      { length: 120 },
      (_, index) => `${index + 1}. 区科技局推进创新平台建设`,
    );
    const transport = createWecomRobotTransport();
    const result = await transport.send(
      { key: "wecom-key", baseUrl: platform.url },
      message(lines.join("\n")),
    );
    const parts = platform.delivered("wecom");
    expect(result.parts).toBe(parts.length);
    expect(parts.length).toBeGreaterThan(1);
    const texts = parts.map((part) => part.text ?? "");
    for (const [index, text] of texts.entries()) {
      expect(utf8Bytes(text)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
      expect(text.startsWith(`(${index + 1}/${parts.length})\n`)).toBe(true);
    }
    // every line arrives whole, once, in order
    const received = texts
      .flatMap((text) => text.split("\n"))
      .filter((line) => /^\d+\. /.test(line));
    expect(received).toEqual(lines);
  });

  test("beyond the parts allowed, one summary with the link is sent instead", async ({
    platform,
  }) => {
    const transport = createWecomRobotTransport({ maxParts: 2 });
    const body = "督办事项说明。".repeat(1500); // one line of 31 500 bytes
    await transport.send({ key: "wecom-key", baseUrl: platform.url }, message(body));
    const [summary, ...rest] = platform.delivered("wecom");
    expect(rest).toEqual([]);
    expect(utf8Bytes(summary?.text ?? "")).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(summary?.text).toContain("已截断");
    expect(summary?.text).toContain("[链接](https://duban.example/tasks/42)");
  });

  test("an unknown key is permanent and misconfigured (93000)", async ({ platform }) => {
    const transport = createWecomRobotTransport();
    const error = await sendError(
      transport.send({ key: "revoked", baseUrl: platform.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: true, misconfigured: true, code: "93000" });
  });

  test("the platform's frequency refusal (45009) asks to wait a minute", async ({ platform }) => {
    platform.fail({ kind: "errcode", errcode: 45009, errmsg: "api freq out of limit" });
    const transport = createWecomRobotTransport();
    const error = await sendError(
      transport.send({ key: "wecom-key", baseUrl: platform.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: false, retryAfterMs: 60_000, code: "45009" });
  });

  test("HTTP 429 honours Retry-After", async ({ platform }) => {
    platform.fail({ kind: "http", status: 429, retryAfter: "7" });
    const transport = createWecomRobotTransport();
    const error = await sendError(
      transport.send({ key: "wecom-key", baseUrl: platform.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: false, retryAfterMs: 7000, code: "HTTP_429" });
  });

  test("HTTP 502 is transient and not ambiguous", async ({ platform }) => {
    platform.fail({ kind: "http", status: 502 });
    const transport = createWecomRobotTransport();
    const error = await sendError(
      transport.send({ key: "wecom-key", baseUrl: platform.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: false, code: "HTTP_502" });
    expect(error.options.ambiguous).toBeFalsy();
  });

  test("a platform that never answers times out: transient and ambiguous", async ({ platform }) => {
    platform.fail({ kind: "hang" });
    const transport = createWecomRobotTransport({ timeoutMs: 300 });
    const error = await sendError(
      transport.send({ key: "wecom-key", baseUrl: platform.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: false, ambiguous: true, code: "TIMEOUT" });
    expect(platform.requests).toHaveLength(1);
  });

  test("a refused connection is transient and not ambiguous", async () => {
    // a port that was just free: listen on port 0, note the port, close
    const closed = await startFakePlatformServer();
    await closed.close();
    const transport = createWecomRobotTransport();
    const error = await sendError(
      transport.send({ key: "wecom-key", baseUrl: closed.url }, message("x")),
    );
    expect(error.options).toMatchObject({ permanent: false, ambiguous: false });
  });

  test("the 21st message in a minute is refused locally without reaching the platform", async ({
    platform,
  }) => {
    const transport = createWecomRobotTransport();
    const target = { key: "wecom-key", baseUrl: platform.url };
    for (let index = 0; index < 20; index++) await transport.send(target, message(`第${index}条`));
    const error = await sendError(transport.send(target, message("第21条")));
    expect(error.options).toMatchObject({ permanent: false, code: "LOCAL_RATE_LIMIT" });
    expect(error.options.retryAfterMs).toBeGreaterThan(0);
    expect(error.options.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(platform.requests).toHaveLength(20);
  });

  test("without the local limiter, the platform refuses the 21st with 45009", async ({
    platform,
  }) => {
    const transport = createWecomRobotTransport({ limiter: null });
    const target = { key: "wecom-key", baseUrl: platform.url };
    for (let index = 0; index < 20; index++) await transport.send(target, message(`第${index}条`));
    const error = await sendError(transport.send(target, message("第21条")));
    expect(error.options).toMatchObject({ permanent: false, retryAfterMs: 60_000, code: "45009" });
    expect(platform.delivered("wecom")).toHaveLength(20);
  });

  test("a failure after the first part reports the parts already sent", async ({ platform }) => {
    const transport = createWecomRobotTransport();
    const lines = Array.from({ length: 300 }, (_, index) => `第${index}行：进展说明`);
    // the first part is accepted, the second meets a 503
    platform.fail({ kind: "answer", body: { errcode: 0, errmsg: "ok" } });
    platform.fail({ kind: "http", status: 503 });
    const error = await sendError(
      transport.send({ key: "wecom-key", baseUrl: platform.url }, message(lines.join("\n"))),
    );
    expect(error.options).toMatchObject({ permanent: false, partsSent: 1, code: "HTTP_503" });
  });

  test("a retry from the first part not accepted sends only the rest: no part reaches the group twice", async ({
    platform,
  }) => {
    const transport = createWecomRobotTransport();
    const target = { key: "wecom-key", baseUrl: platform.url };
    const long = message(
      Array.from({ length: 300 }, (_, index) => `第${index}行：进展说明`).join("\n"),
    );
    platform.fail({ kind: "http", status: 503 }, { platform: "wecom", after: 1 });
    const error = await sendError(transport.send(target, long));
    expect(error.options.partsSent).toBe(1);
    const result = await transport.send(target, long, { fromPart: error.options.partsSent });
    const markers = platform.delivered("wecom").map((r) => r.text!.split("\n")[0]);
    expect(markers).toEqual(
      Array.from({ length: result.parts }, (_, i) => `(${i + 1}/${result.parts})`),
    );
    expect(result.parts).toBeGreaterThan(1);
  });
});
