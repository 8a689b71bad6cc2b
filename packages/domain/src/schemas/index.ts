// Input schemas shared by the server (tRPC .input) and the web forms. Browser-safe: no database.
export * from "./common.ts";
export * from "./auth.ts";
export * from "./plan.ts";
export * from "./task.ts";
export * from "./ledger.ts";
export * from "./ledger-entry.ts";
export * from "./admin.ts";
export * from "./jobs.ts";
export * from "./indicator.ts";
export * from "./supervision.ts";
export * from "./annual.ts";
export * from "./assessment.ts";
export * from "./overview.ts";
export * from "./cascade.ts";
export * from "./channels.ts";
