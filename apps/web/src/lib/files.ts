/** Bytes as base64, in chunks (String.fromCharCode on a 20 MB array would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file name of a `content-disposition: attachment; filename*=UTF-8''…` header. */
export function attachmentName(header: string | null, fallback: string): string {
  const star = header && /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]!);
  const plain = header && /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1]! : fallback;
}

export type DownloadError = { status: number; message: string; messageEn?: string };

/**
 * Fetches a file from our own api (the session cookie goes along) and hands it to the browser as
 * a download; an error answer becomes a message to show next to the button, not a page of JSON.
 */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { message?: string; messageEn?: string };
    } | null;
    throw Object.assign(new Error(body?.error?.message ?? `HTTP ${res.status}`), {
      status: res.status,
      messageEn: body?.error?.messageEn,
    });
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = attachmentName(res.headers.get("content-disposition"), fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
