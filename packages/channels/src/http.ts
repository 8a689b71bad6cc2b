import { ChannelSendError } from "./channel.ts";

/** How long a platform may take to answer before the send is given up: 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Wait asked for by an HTTP 429 without a usable Retry-After header. */
const DEFAULT_429_WAIT_MS = 60_000;

/** Error codes of a connection that never carried the request: a retry cannot duplicate. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

export type JsonResponse = {
  status: number;
  headers: Headers;
  /** the parsed body, or undefined when the body is not JSON */
  json: unknown;
  text: string;
};

/**
 * POST a JSON body and read the answer, classifying what HTTP alone can tell:
 * - timeout (default 10 s, `AbortSignal.timeout`) → transient and **ambiguous**: the request may
 *   have reached the platform, so a retry may post the message twice;
 * - refused connection / unknown host → transient, not ambiguous;
 * - any other network failure (reset, hang-up) → transient and ambiguous;
 * - HTTP 429 → transient with `retryAfterMs` from Retry-After (seconds or an HTTP date; 60 s if
 *   absent);
 * - HTTP 5xx → transient.
 * Any other status is returned for the caller to judge (robots answer 200 with an `errcode`).
 * Throws ChannelSendError.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs?: number; signal?: AbortSignal; headers?: Record<string, string> },
): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...options.headers },
      body: JSON.stringify(body),
      signal,
    });
    // the body is read under the same signal: a platform that sends headers and then stalls
    // is a timeout too
    text = await response.text();
  } catch (error) {
    throw classifyFetchFailure(error, timeout, options.signal);
  }
  if (response.status === 429) {
    throw new ChannelSendError(`HTTP 429 from ${redact(url)}`, {
      permanent: false,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) ?? DEFAULT_429_WAIT_MS,
      code: "HTTP_429",
    });
  }
  if (response.status >= 500) {
    throw new ChannelSendError(`HTTP ${response.status} from ${redact(url)}`, {
      permanent: false,
      code: `HTTP_${response.status}`,
    });
  }
  return { status: response.status, headers: response.headers, json: parseJson(text), text };
}

function classifyFetchFailure(
  error: unknown,
  timeout: AbortSignal,
  callerSignal: AbortSignal | undefined,
): ChannelSendError {
  // the caller's own deadline (AbortSignal.timeout, as the outbox's sender sets) is a timeout too
  const callerTimedOut =
    callerSignal?.aborted === true &&
    (callerSignal.reason as { name?: string } | undefined)?.name === "TimeoutError";
  if (timeout.aborted || callerTimedOut) {
    return new ChannelSendError("no answer before the timeout", {
      permanent: false,
      ambiguous: true,
      code: "TIMEOUT",
    });
  }
  if (callerSignal?.aborted) {
    return new ChannelSendError("send aborted by the caller", {
      permanent: false,
      ambiguous: true,
      code: "ABORTED",
    });
  }
  const code = networkCode(error);
  return new ChannelSendError(`network error: ${code ?? String(error)}`, {
    permanent: false,
    ambiguous: !(code && NOT_SENT_CODES.has(code)),
    code: code ?? "NETWORK",
  });
}

/** fetch (undici) wraps the socket error in `cause`, sometimes twice (AggregateError). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const errors = (current as { errors?: unknown[] }).errors;
    current = (current as { cause?: unknown }).cause ?? errors?.[0];
  }
  return undefined;
}

/**
 * Retry-After as ms: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The URL without its query: keys and tokens travel in the query and must not reach logs. */
export function redact(url: string): string {
  const question = url.indexOf("?");
  return question === -1 ? url : `${url.slice(0, question)}?…`;
}
