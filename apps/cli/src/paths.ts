import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const dataDir = () =>
  path.resolve(process.env.DUBAN_DATA_DIR ?? path.join(repoRoot, ".data"));
export const runtimeFile = () => path.join(dataDir(), "runtime.json");
export const seedsDir = path.join(repoRoot, "seeds");
/** where the api keeps evidence files: EVIDENCE_DIR, else <data>/evidence */
export const evidenceDir = () =>
  path.resolve(process.env.EVIDENCE_DIR ?? path.join(dataDir(), "evidence"));
/** where backups go and rotate: DUBAN_BACKUP_DIR, else <data>/backups */
export const backupDir = () =>
  path.resolve(process.env.DUBAN_BACKUP_DIR ?? path.join(dataDir(), "backups"));
/** the CLI's entry, to run one of its commands as a child process */
export const cliEntry = path.join(repoRoot, "apps/cli/src/bin.ts");

/** A path the user typed, relative to where they ran `pnpm duban` (pnpm runs scripts from the repo root). */
export const userPath = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
