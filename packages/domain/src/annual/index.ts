// 年度工作要点 (annual plans, issue #18): one file per job.
export * from "./item-outcome.ts";
export * from "./annual-access.ts";
export * from "./create.ts";
export * from "./queries.ts";
export * from "./add-items.ts";
export * from "./item-commands.ts";
export * from "./carry-over.ts";
export * from "./issue.ts";
export * from "./import-document.ts";
export * from "./export-sheet.ts";
export * from "./title-match.ts";
