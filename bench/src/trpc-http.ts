// A minimal tRPC-over-HTTP client (fetch, superjson envelope, session cookie, CSRF header): the
// same requests the web app sends, without a dependency on @trpc/client.

export type Session = {
  email: string;
  query: <T = unknown>(path: string, input: unknown) => Promise<T>;
  mutate: <T = unknown>(path: string, input: unknown) => Promise<T>;
};

type Envelope = { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string; data?: { code?: string } } } };

async function unwrap<T>(path: string, res: Response): Promise<T> {
  const body = (await res.json()) as Envelope;
  if (body.error || !res.ok) throw new Error(`${path}: HTTP ${res.status} ${body.error?.json?.data?.code ?? ""} ${body.error?.json?.message ?? ""}`.trim());
  return body.result?.data?.json as T;
}

/**
 * Signs in through auth.login and returns a session that sends its cookie. `ip` goes out as
 * X-Forwarded-For (the api trusts its proxy) so each simulated user has its own login rate limit.
 */
export async function login(baseUrl: string, email: string, password: string, ip: string): Promise<Session> {
  const headers: Record<string, string> = { "x-duban-csrf": "1", "x-forwarded-for": ip };
  const res = await fetch(`${baseUrl}/trpc/auth.login`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ json: { email, password } }) });
  await unwrap(`auth.login ${email}`, res);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("duban_session="));
  if (!cookie) throw new Error(`auth.login ${email}: no session cookie`);
  headers.cookie = cookie;
  return {
    email,
    query: async <T>(path: string, input: unknown) =>
      unwrap<T>(path, await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })),
    mutate: async <T>(path: string, input: unknown) =>
      unwrap<T>(path, await fetch(`${baseUrl}/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ json: input }) })),
  };
}
