import type { NotificationPayload } from "@duban/domain";

import { html, link } from "../html.ts";
import type { Section } from "../layout.ts";

export type PasswordResetPayload = NotificationPayload<"password-reset">;

export function passwordReset(p: PasswordResetPayload): Section {
  return {
    html: html`<p>${p.name}，您好：</p>
      <p>
        我们收到了重置您督办系统密码的请求。请在 ${p.expiresMinutes}
        分钟内点击下面的链接设置新密码：
      </p>
      <p>${link(p.url, "重置密码")}</p>
      <p>如果不是您本人操作，请忽略此邮件，您的密码不会改变。</p>
      <p style="color:#71717a">
        Reset your Duban password within ${p.expiresMinutes} minutes using the link above. If you
        did not ask for it, ignore this email.
      </p>`,
    text: `${p.name}，您好：\n\n我们收到了重置您督办系统密码的请求。请在 ${p.expiresMinutes} 分钟内打开下面的链接设置新密码：\n${p.url}\n\n如果不是您本人操作，请忽略此邮件。\n\nReset your Duban password within ${p.expiresMinutes} minutes: ${p.url}`,
  };
}
