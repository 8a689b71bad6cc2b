export { bundleApp, rewriteImportMeta, staticExternals } from "./bundle.ts";
export type { BundleOptions, BundleResult } from "./bundle.ts";
