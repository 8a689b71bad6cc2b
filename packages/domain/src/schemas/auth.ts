import { z } from "zod";
import { zEmail } from "./common.ts";

export const ZLoginInput = z.object({ email: zEmail, password: z.string().min(1, { error: "请输入密码 (password required)" }).max(200) });
export const zNewPassword = z
  .string()
  .min(10, { error: "密码至少 10 位 (at least 10 characters)" })
  .max(200, { error: "密码过长 (too long)" });
export const ZRequestPasswordResetInput = z.object({ email: zEmail });
export const ZResetPasswordInput = z.object({ token: z.string().min(20).max(200), password: zNewPassword });
export const ZChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: zNewPassword });
