import { CSRF_HEADERS } from "../../../lib/trpc.ts";

/**
 * Sends one evidence file to a change request (POST /api/change-requests/:id/evidence, multipart).
 * Resolves on 201; otherwise throws with the server's message in both languages.
 */
export async function uploadRequestEvidence(requestId: string, file: File): Promise<void> {
  const form = new FormData();
  form.append("file", file, file.name);
  const res = await fetch(`/api/change-requests/${requestId}/evidence`, {
    method: "POST",
    headers: CSRF_HEADERS,
    credentials: "same-origin",
    body: form,
  });
  if (res.ok) return;
  const body = (await res.json().catch(() => null)) as {
    error?: { message?: string; messageEn?: string };
  } | null;
  throw Object.assign(new Error(body?.error?.message ?? `HTTP ${res.status}`), {
    messageEn: body?.error?.messageEn,
  });
}
