// A round-robin HTTP reverse proxy for `pnpm bench --apis=N`: what a load balancer in front of N
// api processes does (each request to the next upstream; keep-alive on both sides; bodies
// streamed, headers passed through, X-Forwarded-For kept as the client sent it because the
// benchmark's simulated users each set their own and the apis trust 127.0.0.1). Sessions live in
// PostgreSQL, so no stickiness is needed; each api has its own read cache.
import http from "node:http";
import type net from "node:net";

export type Proxy = { url: string; close: () => Promise<void>; counts: () => number[] };

export async function startRoundRobinProxy(upstreams: string[]): Promise<Proxy> {
  if (upstreams.length === 0) throw new Error("startRoundRobinProxy: no upstream");
  const targets = upstreams.map((u) => new URL(u));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const counts = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next;
    next = (next + 1) % targets.length;
    counts[i]!++;
    const target = targets[i]!;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`proxy: ${error.message}`);
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => [...counts],
    close: async () => {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
