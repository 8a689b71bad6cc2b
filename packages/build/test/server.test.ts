import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  repoRoot,
  SERVER_ENV,
  SERVER_NODE_FLAGS,
  serverEntry,
  serverEnv,
  ServerNotBuiltError,
} from "../src/server.ts";

/** `node …` as the image runs each app, from the repository root (the image's WORKDIR) */
const expected = (app: "api" | "worker") => [
  "node",
  ...SERVER_NODE_FLAGS,
  path.relative(repoRoot, serverEntry(app)),
];
const jsonArray = (line: string) => JSON.parse(line.slice(line.indexOf("["))) as string[];

describe("one way to start the servers", () => {
  it("infra/Dockerfile and infra/docker-compose.yml run the same command as pnpm start and the benchmark", () => {
    const dockerfile = readFileSync(path.join(repoRoot, "infra/Dockerfile"), "utf8");
    const cmd = dockerfile.split("\n").filter((l) => l.startsWith("CMD "));
    expect(cmd.map(jsonArray)).toEqual([expected("api")]);
    const env = dockerfile
      .split("\n")
      .filter((l) => l.startsWith("ENV "))
      .flatMap((l) => l.slice(4).trim().split(/\s+/));
    for (const [name, value] of Object.entries(SERVER_ENV))
      expect(env).toContain(`${name}=${value}`);
    const compose = readFileSync(path.join(repoRoot, "infra/docker-compose.yml"), "utf8");
    const worker = compose.slice(compose.indexOf("\n  worker:"));
    const command = worker.split("\n").find((l) => l.trim().startsWith("command:"))!;
    expect(jsonArray(command)).toEqual(expected("worker"));
  });

  it("each app's own start script runs the same", () => {
    for (const app of ["api", "worker"] as const) {
      const pkg = JSON.parse(
        readFileSync(path.join(repoRoot, "apps", app, "package.json"), "utf8"),
      ) as { scripts: Record<string, string> };
      const env = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`);
      expect(pkg.scripts.start!.split(" "), app).toEqual([
        ...env,
        "node",
        ...SERVER_NODE_FLAGS,
        "dist/main.js",
      ]);
    }
  });

  it("adds the servers' environment without overriding what the operator set", () => {
    expect(serverEnv({ A: "1" })).toEqual({ ...SERVER_ENV, A: "1" });
    expect(serverEnv({ MALLOC_ARENA_MAX: "4" }).MALLOC_ARENA_MAX).toBe("4");
  });

  it("says how to build when an app is not built", () => {
    expect(new ServerNotBuiltError("worker").message).toMatch(
      /^apps\/worker\/dist\/main\.js .*pnpm build/,
    );
  });
});
