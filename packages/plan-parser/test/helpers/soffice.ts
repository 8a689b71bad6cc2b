// LibreOffice conversions for tests. LibreOffice must be installed (CI installs
// libreoffice-writer-nogui): without it the tests that need it fail with this message, never skip.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Runs `soffice --headless <args> --outdir dir` in a private profile under `dir` (several may run
 * on one machine). Throws when LibreOffice is not installed or the conversion fails.
 */
export const soffice = (dir: string, args: string[]): void => {
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        ...args,
        "--outdir",
        dir,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error(
      "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
      { cause: error },
    );
  }
};
