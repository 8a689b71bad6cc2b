import type { LoopTaskRef } from "@duban/domain";

import { html, link } from "../html.ts";
import { url, type RenderContext, type Section } from "../layout.ts";

/** One line of a message's facts: a label and a value (plain text, escaped), linked when `href` is set. */
export type Fact = { label: string; value: string; href?: string };

/** A block of text someone wrote (a reason, a summary, an instruction), kept with its line breaks. */
export type Quote = { label: string; text: string };

const th =
  "border:1px solid #d4d4d8;padding:4px 8px;text-align:left;background:#f4f4f5;white-space:nowrap";
const td = "border:1px solid #d4d4d8;padding:4px 8px;text-align:left";
const quoteStyle =
  "margin:8px 0;padding:8px 12px;border-left:3px solid #d4d4d8;background:#fafafa;white-space:pre-wrap";

/** The task a loop message is about, as its first facts: 任务 (linked), 规划, 牵头单位. */
export function taskFacts(p: LoopTaskRef, ctx: RenderContext): Fact[] {
  return [
    { label: "任务", value: p.taskTitle, href: taskUrl(ctx, p.taskId) },
    { label: "规划", value: p.planTitle },
    { label: "牵头单位", value: p.departmentName },
  ];
}

export const taskUrl = (ctx: RenderContext, taskId: string) => url(ctx, `/tasks/${taskId}`);

/**
 * The body every supervision-loop email shares: a Chinese sentence saying what happened and what
 * to do, the facts as a two-column table, any quoted text, the link to act on, and one short
 * English line for readers without Chinese (grey, as in the password-reset mail).
 */
export function loopSection(m: {
  intro: string;
  facts: Fact[];
  quotes?: Quote[];
  action: { label: string; href: string };
  en: string;
}): Section {
  const quotes = (m.quotes ?? []).filter((q) => q.text.trim() !== "");
  return {
    html: html`<p>${m.intro}</p>
      <table style="border-collapse:collapse;font-size:14px;margin:8px 0">
        <tbody>
          ${m.facts.map(
            (f) =>
              html`<tr>
                <th style="${th}">${f.label}</th>
                <td style="${td}">${f.href ? link(f.href, f.value) : f.value}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${quotes.map(
        (q) =>
          html`<p style="margin:12px 0 0"><strong>${q.label}</strong></p>
            <div style="${quoteStyle}">${q.text}</div>`,
      )}
      <p>${link(m.action.href, m.action.label)}</p>
      <p style="color:#71717a">${m.en}</p>`,
    text: [
      m.intro,
      "",
      ...m.facts.map((f) => `${f.label}：${f.value}`),
      ...quotes.flatMap((q) => ["", `${q.label}：`, q.text]),
      "",
      `${m.action.label}：${m.action.href}`,
      "",
      m.en,
    ].join("\n"),
  };
}
