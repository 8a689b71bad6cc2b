export * from "./bulletin-access.ts";
export * from "./bulletin-document.ts";
export * from "./bulletin-issue.ts";
export * from "./bulletin-text.ts";
export * from "./bulletins.ts";
export * from "./lagging-items.ts";
export * from "./publications.ts";
