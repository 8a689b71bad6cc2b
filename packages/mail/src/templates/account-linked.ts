import type { NotificationPayload } from "@duban/domain";

import { html } from "../html.ts";
import type { Section } from "../layout.ts";

export type AccountLinkedPayload = NotificationPayload<"account-linked">;

const WHAT = {
  linked: {
    zh: "已关联统一身份认证账号",
    en: "was linked to a unified identity account",
  },
  changed: {
    zh: "关联的统一身份认证账号已更改为",
    en: "is now linked to another unified identity account",
  },
  unlinked: {
    zh: "已解除与统一身份认证账号的关联",
    en: "is no longer linked to a unified identity account",
  },
} as const;

/**
 * The holder hears that the office changed how their account signs in through the unified
 * identity provider (issue #20): whoever holds the linked identity signs in as them.
 */
export function accountLinked(p: AccountLinkedPayload): Section {
  const what = WHAT[p.change];
  const id = p.externalIdMasked ? `（${p.externalIdMasked}）` : "";
  const zh = `您的督办系统账号${what.zh}${id}，操作人：${p.byName}，时间：${p.at}（北京时间）。`;
  const warn = "如果您不知道此变更，请立即联系领导小组办公室：关联的身份可以用您的账号登录。";
  const en = `Your Duban account ${what.en}${p.externalIdMasked ? ` (${p.externalIdMasked})` : ""} by ${p.byName} at ${p.at} (Beijing time). If you did not expect this, tell the leading group office at once: the linked identity signs in as you.`;
  return {
    html: html`<p>${p.name}，您好：</p>
      <p>${zh}</p>
      <p><strong>${warn}</strong></p>
      <p style="color:#71717a">${en}</p>`,
    text: `${p.name}，您好：\n\n${zh}\n${warn}\n\n${en}`,
  };
}
