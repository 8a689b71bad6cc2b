// INTERIM (issue #20): packages/channels will export normalizeMainlandMobile; switch to it when
// that branch lands (same contract).

/**
 * A mainland China mobile number as 11 digits (1[3-9] and nine more), from what people type:
 * spaces, dashes, a leading +86 / 86 / 0086. Returns null for anything else (landlines,
 * foreign numbers). Source: MIIT numbering plan (mobile prefixes 13x–19x).
 */
export function normalizeMainlandMobile(raw: string): string | null {
  let digits = raw.replace(/[\s\-()]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith("86")) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 138****5678: what lists show of a number that is not the viewer's own. */
export function maskMobile(mobile: string | null): string | null {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : null;
}
