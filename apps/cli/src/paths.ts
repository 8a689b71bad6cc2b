import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const dataDir = () => path.resolve(process.env.DUBAN_DATA_DIR ?? path.join(repoRoot, ".data"));
export const runtimeFile = () => path.join(dataDir(), "runtime.json");
export const seedsDir = path.join(repoRoot, "seeds");

/** A path the user typed, relative to where they ran `pnpm duban` (pnpm runs scripts from the repo root). */
export const userPath = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
