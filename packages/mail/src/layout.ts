import { html, type SafeHtml } from "./html.ts";

export type RenderContext = { baseUrl: string };
export type RenderedBody = { html: string; text: string };
/** A kind's body: the inner HTML (for the digest to merge) and the plain text. */
export type Section = { html: SafeHtml; text: string };

const cell = "border:1px solid #d4d4d8;padding:4px 8px;text-align:left";

export function table(headers: string[], rows: unknown[][]): SafeHtml {
  return html`<table style="border-collapse:collapse;font-size:14px;margin:8px 0">
    <thead>
      <tr>
        ${headers.map((h) => html`<th style="${cell};background:#f4f4f5">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${r.map((c) => html`<td style="${cell}">${c}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function textTable(rows: unknown[][]): string {
  return rows.map((r) => r.map((c) => String(c ?? "")).join(" | ")).join("\n");
}

export const FOOTER_TEXT =
  "此邮件由督办系统自动发送，请勿直接回复。可在“个人设置 → 通知”中调整接收方式。";

/** The full document around one or more sections. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body
        style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;color:#18181b;line-height:1.6"
      >
        <h2 style="font-size:18px">${title}</h2>
        ${body}
        <p style="color:#71717a;font-size:12px;margin-top:24px">${FOOTER_TEXT}</p>
      </body>
    </html>`.value;
}

export const url = (ctx: RenderContext, path: string) => `${ctx.baseUrl.replace(/\/$/, "")}${path}`;
