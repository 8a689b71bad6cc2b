// Shared zh-CN / en labels for domain enumerations. Browser-safe.
export * from "./labels.ts";
