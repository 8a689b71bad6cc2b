import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { serverAppDir, serverEnv, type ServerApp } from "@duban/build/server";

import { writeRuntime, type Runtime, type Services } from "../services.ts";
import { supervise, type Supervised } from "./supervise.ts";

const log = (line: string) =>
  console.error(`[督办 supervisor ${new Date().toISOString()}] ${line}`);

/** the api or the worker from its built JavaScript, as in production, in a process group of its own */
export function superviseApp(
  app: ServerApp,
  args: string[],
  env: NodeJS.ProcessEnv,
  onStart: () => void,
): Supervised {
  return supervise({
    name: app,
    spawn: () =>
      spawn(process.execPath, args, {
        cwd: serverAppDir(app),
        env: serverEnv(env),
        stdio: ["ignore", "inherit", "inherit"],
        detached: true,
      }),
    log,
    onStart,
  });
}

/** maildev, the local mail catcher (ESM-only: its CLI sits beside its main module) */
export function superviseMail(
  smtpPort: number,
  webPort: number,
  mailDir: string,
  onStart: () => void,
): Supervised {
  const bin = path.join(
    path.dirname(fileURLToPath(import.meta.resolve("maildev"))),
    "bin",
    "maildev.js",
  );
  const args = [
    bin,
    "--smtp",
    String(smtpPort),
    "--web",
    String(webPort),
    "--ip",
    "127.0.0.1",
    "--web-ip",
    "127.0.0.1",
    "--mail-directory",
    mailDir,
  ];
  return supervise({
    name: "mail",
    spawn: () =>
      spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"], detached: true }),
    log,
    onStart,
  });
}

/**
 * Publishes the supervised pids and restart counts in the runtime file after every (re)start.
 * Writes are chained so an older state never lands after a newer one.
 */
export function runtimePublisher(
  base: Pick<Runtime, "pid" | "databaseUrl" | "redisUrl">,
  services: Services,
  children: () => Supervised[],
) {
  let chain = Promise.resolve();
  return () => {
    chain = chain
      .then(() => {
        const pids: NonNullable<Runtime["pids"]> = { ...services.pids };
        const restarts: NonNullable<Runtime["restarts"]> = {};
        for (const child of children()) {
          const name = child.name as "api" | "worker" | "mail";
          const pid = child.pid();
          if (pid) pids[name] = pid;
          restarts[name] = child.restarts();
        }
        return writeRuntime({ ...base, pids, restarts });
      })
      .catch((error: unknown) => log(`runtime.json: ${(error as Error).message}`));
    return chain;
  };
}
