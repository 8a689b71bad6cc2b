// The mainland-number rule is the SMS transport's (packages/channels): one rule for what the
// forms accept and what the gateway is sent.
export { normalizeMainlandMobile } from "@duban/channels";

/** 138****5678: what lists show of a number that is not the viewer's own. */
export function maskMobile(mobile: string | null): string | null {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : null;
}
