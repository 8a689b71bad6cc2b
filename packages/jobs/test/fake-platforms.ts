// A real local HTTP server playing the 企业微信 robot API, the 钉钉 robot API and an SMS gateway
// for the channel tests (issue #20). It checks keys, DingTalk signatures and the body, records
// every request it got, and answers 429s, timeouts or errors on demand.
// INTERIM: the channels helper is building a fuller fake platform server in packages/channels;
// switch to it when that lands.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = {
  platform: "wecom" | "dingtalk" | "sms";
  /** the robot key / access token, or the phone */
  to: string;
  body: Record<string, unknown>;
  at: number;
};

type Fault = "429" | "timeout" | "500";

export type FakePlatforms = {
  url: string;
  received: Received[];
  /** the next `times` requests to this key/token/phone fail so */
  failNext(to: string, fault: Fault, times?: number): void;
  /** WeCom keys and DingTalk tokens that exist, with the DingTalk 加签 secret the server checks */
  wecomKeys: Set<string>;
  dingtalkSecrets: Map<string, string>;
  /** called when a request arrives, before it is answered (tests kill a worker here) */
  onRequest?: (r: Received) => void;
  close(): Promise<void>;
};

export async function startFakePlatforms(): Promise<FakePlatforms> {
  const faults = new Map<string, Fault[]>();
  const open = new Set<ServerResponse>();
  const state: FakePlatforms = {
    url: "",
    received: [],
    wecomKeys: new Set(),
    dingtalkSecrets: new Map(),
    failNext(to, fault, times = 1) {
      faults.set(to, [...(faults.get(to) ?? []), ...Array<Fault>(times).fill(fault)]);
    },
    close: async () => {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      return json(res, 400, { errcode: 40035, errmsg: "invalid json" });
    }
    const platform = url.pathname.startsWith("/cgi-bin/webhook/send")
      ? "wecom"
      : url.pathname.startsWith("/robot/send")
        ? "dingtalk"
        : "sms";
    const to =
      platform === "wecom"
        ? (url.searchParams.get("key") ?? "")
        : platform === "dingtalk"
          ? (url.searchParams.get("access_token") ?? "")
          : String(body.phone ?? "");
    const fault = faults.get(to)?.shift();
    if (fault === "timeout") {
      open.add(res); // never answered: the client's timeout fires
      return;
    }
    if (fault === "429") return json(res, 429, { errcode: 45009 }, { "retry-after": "120" });
    if (fault === "500") return json(res, 500, { errcode: -1 });
    if (platform === "wecom") {
      if (!state.wecomKeys.has(to))
        return json(res, 200, { errcode: 93000, errmsg: "invalid webhook url" });
      const md = body.markdown as { content?: string } | undefined;
      if (body.msgtype !== "markdown" || !md?.content || Buffer.byteLength(md.content) > 4096)
        return json(res, 200, { errcode: 40058, errmsg: "bad markdown" });
    }
    if (platform === "dingtalk") {
      const secret = state.dingtalkSecrets.get(to);
      if (secret === undefined)
        return json(res, 200, { errcode: 300001, errmsg: "token is not exist" });
      const ts = url.searchParams.get("timestamp") ?? "";
      const expected = createHmac("sha256", secret).update(`${ts}\n${secret}`).digest("base64");
      if (url.searchParams.get("sign") !== expected || Math.abs(Date.now() - Number(ts)) > 3600_000)
        return json(res, 200, { errcode: 310000, errmsg: "sign not match" });
    }
    const received: Received = { platform, to, body, at: Date.now() };
    state.received.push(received);
    state.onRequest?.(received);
    if (platform === "sms")
      return json(res, 200, { code: "0", messageId: `sms-${state.received.length}` });
    return json(res, 200, { errcode: 0, errmsg: "ok" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
