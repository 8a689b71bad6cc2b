export * from "./scope.ts";
export * from "./summary.ts";
export * from "./stamp.ts";
export { lastEndedPeriod, type AttainmentBreakdown, type StatusCounts } from "./indicators.ts";
export type { LaggingItem as CockpitLaggingItem } from "./completion.ts";
