import { cookieOf, type Api, type Client } from "./harness.ts";

/** A tiny real PDF and a 1×1 PNG: evidence the type check accepts. */
export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export type Upload = { name: string; bytes: Uint8Array };

/**
 * 办结申请 as the browser sends it: POST /api/tasks/:taskId/completion, multipart with `version`,
 * `summary` and the files, as `client` (null: no session). The status and the JSON answer.
 */
export async function applyOverHttp(
  api: Api,
  client: Client | null,
  taskId: string,
  fields: { version?: number | string; summary?: string },
  files: Upload[],
  { csrf = true }: { csrf?: boolean } = {},
) {
  const form = new FormData();
  if (fields.version !== undefined) form.append("version", String(fields.version));
  if (fields.summary !== undefined) form.append("summary", fields.summary);
  for (const f of files) form.append("file", new Blob([Buffer.from(f.bytes)]), f.name);
  const cookie = client ? cookieOf.get(client)!() : null;
  const res = await fetch(`${api.url}/api/tasks/${taskId}/completion`, {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { "x-duban-csrf": "1" } : {}) },
    body: form,
  });
  const body = (await res.json().catch(() => null)) as {
    applicationId?: string;
    version?: number;
    error?: { code: string; message: string };
  } | null;
  return { status: res.status, body };
}
