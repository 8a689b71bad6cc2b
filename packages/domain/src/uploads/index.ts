// Uploads: the one guard every route, the CLI and the worker use before a parser sees a file.
export * from "./limits.ts";
export * from "./refusals.ts";
export * from "./limiter.ts";
export { inspectZip, isZip } from "./zip-inspect.ts";
export { inspectPdf, isPdf } from "./pdf-inspect.ts";
export * from "./open-upload.ts";
