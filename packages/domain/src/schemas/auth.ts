import { z } from "zod";

import { refuse, storable, zEmail } from "./common.ts";

// passwords are hashed, never stored as typed, but go through the same text rule as everything else
const zPassword = storable(
  z
    .string()
    .min(1, { error: refuse({ code: "password.required" }) })
    .max(200, { error: refuse({ code: "password.tooLong" }) }),
  "password",
);
export const ZLoginInput = z.object({ email: zEmail, password: zPassword });
export const zNewPassword = storable(
  z
    .string()
    .min(10, { error: refuse({ code: "password.tooShort", min: 10 }) })
    .max(200, { error: refuse({ code: "password.tooLong" }) }),
  "password",
);
export const ZRequestPasswordResetInput = z.object({ email: zEmail });
export const ZResetPasswordInput = z.object({
  token: storable(z.string().min(20).max(200), "resetToken"),
  password: zNewPassword,
});
export const ZChangePasswordInput = z.object({
  currentPassword: zPassword,
  newPassword: zNewPassword,
});
