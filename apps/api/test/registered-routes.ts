import type { FastifyInstance } from "fastify";

/**
 * Every route the app has registered, with its methods, read from Fastify's own route tree
 * (`printRoutes`, the public way to list them after start): lines such as
 * `│   ├── /ledger.xlsx (GET, HEAD)` nest under their parent's path, four characters a level.
 */
export function registeredRoutes(app: FastifyInstance): Array<{ url: string; methods: string[] }> {
  const out: Array<{ url: string; methods: string[] }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    const url = (stack[depth - 1] ?? "") + match[2]!;
    stack[depth] = url;
    stack.length = depth + 1;
    if (match[3]) out.push({ url, methods: match[3].split(",").map((m) => m.trim()) });
  }
  return out;
}

/** Every tRPC procedure of a router by its dotted path ("task.list"), with its type (query, mutation). */
export function procedurePaths(
  router: { _def: { procedures: object } },
  type: "query" | "mutation",
): string[] {
  return Object.entries(router._def.procedures as Record<string, { _def?: { type?: string } }>)
    .filter(([, p]) => p._def?.type === type)
    .map(([path]) => path);
}
