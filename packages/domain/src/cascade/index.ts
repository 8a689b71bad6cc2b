// The cascade (层层分解, issue #19): 下达, 分解, 细化 and the roll-up's readers.
export * from "./assign.ts";
export * from "./assignment-access.ts";
export * from "./assignment-commands.ts";
export * from "./assignment-queries.ts";
export * from "./cascade-options.ts";
export * from "./db-guards.ts";
export * from "./decompose.ts";
export * from "./lateness.ts";
export * from "./subtasks.ts";
export * from "./task-tree.ts";
