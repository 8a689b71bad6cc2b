// A minimal tRPC-over-HTTP client (superjson envelope, session cookie, CSRF header, gzip): the same
// requests the web app sends, without a dependency on @trpc/client. It uses node:http with a
// keep-alive agent rather than fetch: the load generator shares the machine's two cores with the
// api and PostgreSQL, and undici's fetch cost about twice the CPU per request.
import http from "node:http";
import { gunzipSync } from "node:zlib";

export type Session = {
  email: string;
  query: <T = unknown>(path: string, input: unknown) => Promise<T>;
  /**
   * The same request as `query`, as a load generator makes it: the answer is read to its last
   * byte and its status checked, but a good answer is neither gunzipped nor parsed. That is the
   * browser's work on the user's machine; here it would take a core's worth of CPU from the api
   * at 20 users (1.1–1.4 ms per request). Returns the bytes received.
   */
  load: (path: string, input: unknown) => Promise<number>;
  mutate: <T = unknown>(path: string, input: unknown) => Promise<T>;
};

type Envelope = {
  result?: { data?: { json?: unknown } };
  error?: { json?: { message?: string; data?: { code?: string } } };
};
type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const queryUrl = (baseUrl: string, path: string, input: unknown) =>
  `${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

function send(
  url: string,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body?: string,
  options = { decode: true },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...headers,
          "accept-encoding": "gzip",
          ...(body
            ? {
                "content-type": "application/json",
                "content-length": String(Buffer.byteLength(body)),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body:
              options.decode && res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function unwrap<T>(path: string, reply: Reply): T {
  const body = JSON.parse(reply.body.toString("utf8")) as Envelope;
  if (body.error || reply.status >= 400)
    throw new Error(
      `${path}: HTTP ${reply.status} ${body.error?.json?.data?.code ?? ""} ${body.error?.json?.message ?? ""}`.trim(),
    );
  return body.result?.data?.json as T;
}

/**
 * Signs in through auth.login and returns a session that sends its cookie. `ip` goes out as
 * X-Forwarded-For (the benchmark starts the api with TRUST_PROXY=127.0.0.1, as behind a proxy) so
 * each simulated user has its own address.
 */
export async function login(
  baseUrl: string,
  email: string,
  password: string,
  ip: string,
): Promise<Session> {
  const headers: Record<string, string> = { "x-duban-csrf": "1", "x-forwarded-for": ip };
  // a 503 (the login limiter's Redis did not answer within its 1 s bound, which happens on a loaded
  // machine) asks the client to try again shortly: the web app's user would
  let reply: Reply;
  for (let attempt = 1; ; attempt++) {
    reply = await send(
      `${baseUrl}/trpc/auth.login`,
      "POST",
      headers,
      JSON.stringify({ json: { email, password } }),
    );
    if (reply.status !== 503 || attempt === 5) break;
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
  unwrap(`auth.login ${email}`, reply);
  const setCookie = reply.headers["set-cookie"] ?? [];
  const cookie = setCookie.map((c) => c.split(";")[0]!).find((c) => c.startsWith("duban_session="));
  if (!cookie) throw new Error(`auth.login ${email}: no session cookie`);
  headers.cookie = cookie;
  return {
    email,
    query: async <T>(path: string, input: unknown) =>
      unwrap<T>(path, await send(queryUrl(baseUrl, path, input), "GET", headers)),
    load: async (path: string, input: unknown) => {
      const reply = await send(queryUrl(baseUrl, path, input), "GET", headers, undefined, {
        decode: false,
      });
      if (reply.status !== 200)
        unwrap(path, {
          ...reply,
          body: reply.headers["content-encoding"] === "gzip" ? gunzipSync(reply.body) : reply.body,
        });
      return reply.body.length;
    },
    mutate: async <T>(path: string, input: unknown) =>
      unwrap<T>(
        path,
        await send(`${baseUrl}/trpc/${path}`, "POST", headers, JSON.stringify({ json: input })),
      ),
  };
}
