// PLACEHOLDER until the inbox-mail helper writes one template per supervision-loop kind.
import type { NotificationPayloads } from "@duban/domain";

import { html, link } from "../html.ts";
import { url, type RenderContext, type Section } from "../layout.ts";

type LoopPayload = NotificationPayloads[
  | "task-assigned"
  | "change-request"
  | "change-request-decided"
  | "completion-applied"
  | "completion-decided"
  | "supervision-notice"
  | "notice-reply"];

export function loopMessage(p: LoopPayload, ctx: RenderContext): Section {
  const href = url(ctx, `/tasks/${p.taskId}`);
  return {
    html: html`<p>${p.planTitle}：${link(href, p.taskTitle)}（${p.departmentName}）</p>`,
    text: `${p.planTitle}：${p.taskTitle}（${p.departmentName}）\n${href}`,
  };
}

export function acknowledgeReminder(
  p: NotificationPayloads["acknowledge-reminder"],
  ctx: RenderContext,
): Section {
  return {
    html: html`${p.items.map((i) => html`<p>${link(url(ctx, `/tasks/${i.taskId}`), i.taskTitle)}</p>`)}`,
    text: p.items.map((i) => `${i.taskTitle} ${url(ctx, `/tasks/${i.taskId}`)}`).join("\n"),
  };
}

export function instruction(p: NotificationPayloads["instruction"], ctx: RenderContext): Section {
  const href = url(ctx, p.taskId ? `/tasks/${p.taskId}` : "/indicators");
  return {
    html: html`<p>${p.leaderName}：${p.text}</p>
      <p>${link(href, p.taskTitle ?? p.indicatorName ?? "")}</p>`,
    text: `${p.leaderName}：${p.text}\n${href}`,
  };
}
