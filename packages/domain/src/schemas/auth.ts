import { z } from "zod";

import { storable, zEmail } from "./common.ts";

// passwords are hashed, never stored as typed, but go through the same text rule as everything else
const zPassword = storable(
  z
    .string()
    .min(1, { error: "请输入密码 (password required)" })
    .max(200, { error: "密码过长 (too long)" }),
  "密码",
);
export const ZLoginInput = z.object({ email: zEmail, password: zPassword });
export const zNewPassword = storable(
  z
    .string()
    .min(10, { error: "密码至少 10 位 (at least 10 characters)" })
    .max(200, { error: "密码过长 (too long)" }),
  "密码",
);
export const ZRequestPasswordResetInput = z.object({ email: zEmail });
export const ZResetPasswordInput = z.object({
  token: storable(z.string().min(20).max(200), "重置链接"),
  password: zNewPassword,
});
export const ZChangePasswordInput = z.object({
  currentPassword: zPassword,
  newPassword: zNewPassword,
});
