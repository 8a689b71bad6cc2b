import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { repoRoot } from "../src/server.ts";

type Service = { name: string; lines: string[] };

/** The services of infra/docker-compose.yml: each name (2 spaces in under `services:`) and its lines. */
function composeServices(text: string): Service[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l === "services:");
  const services: Service[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key
    const name = /^ {2}([\w-]+):\s*$/.exec(line);
    if (name) services.push({ name: name[1]!, lines: [] });
    else if (line.trim() && !line.trim().startsWith("#")) services.at(-1)?.lines.push(line);
  }
  return services;
}

const value = (service: Service, key: string) =>
  service.lines
    .map((l) => new RegExp(`^ {4}${key}:\\s*(.*)$`).exec(l)?.[1])
    .find((v) => v !== undefined)
    ?.replace(/^"(.*)"$/, "$1");
/** services that others wait for with `condition: <condition>` (written inline: `postgres: { condition: … }`) */
const dependedOn = (services: Service[], condition: string) =>
  new Set(
    services.flatMap((s) =>
      s.lines
        .map((l) => /^ {6}([\w-]+): \{ condition: (\w+) \}/.exec(l))
        .filter((m) => m?.[2] === condition)
        .map((m) => m![1]!),
    ),
  );

describe("infra/docker-compose.yml keeps itself running", () => {
  const services = composeServices(
    readFileSync(path.join(repoRoot, "infra/docker-compose.yml"), "utf8"),
  );
  const oneShot = dependedOn(services, "service_completed_successfully");

  it("reads the services", () => {
    expect(services.map((s) => s.name).sort()).toEqual(
      expect.arrayContaining(["api", "migrate", "postgres", "redis", "worker"]),
    );
    expect([...oneShot]).toEqual(["migrate"]);
  });

  it("every long-running service restarts by itself; one-shot jobs say explicitly that they do not", () => {
    for (const service of services) {
      const policy = value(service, "restart");
      expect(policy, `${service.name} has no restart policy`).toBeDefined();
      if (oneShot.has(service.name))
        expect(policy, service.name).toMatch(/^(no|on-failure(:\d+)?)$/);
      else expect(policy, service.name).toMatch(/^(unless-stopped|always)$/);
    }
  });

  it("every service another waits for as healthy has a healthcheck", () => {
    const healthy = dependedOn(services, "service_healthy");
    expect(healthy.size).toBeGreaterThan(0);
    for (const name of healthy)
      expect(
        services.find((s) => s.name === name)?.lines.some((l) => /^ {4}healthcheck:/.test(l)),
        name,
      ).toBe(true);
    // the api too: the image's health is what an operator's `docker compose ps` shows
    expect(
      services.find((s) => s.name === "api")!.lines.some((l) => /^ {4}healthcheck:/.test(l)),
    ).toBe(true);
  });
});
