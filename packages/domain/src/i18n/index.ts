// Shared zh-CN / en labels for domain enumerations and validation messages. Browser-safe.
export * from "./labels.ts";
export * from "./validation.ts";
export * from "./notice-text.ts";
