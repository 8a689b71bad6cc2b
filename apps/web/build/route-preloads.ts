import { readFileSync } from "node:fs";
import path from "node:path";

import type { Plugin } from "vite";

/** A page route of the router: its URL pattern and the module its `lazy` imports. */
export type RouteModule = { path: string; module: string };

/**
 * The page routes of `src/app/router.tsx`, read from its source: every
 * `path: "…", lazy: page(() => import("…"), …)`. Paths of the app's children ("ledger") are
 * absolute here ("/ledger"); the catch-all "*" is left out.
 */
export function routeModules(source: string, routerFile: string): RouteModule[] {
  const found: RouteModule[] = [];
  const pattern = /path:\s*"([^"]+)",\s*lazy:\s*page\(\s*\(\)\s*=>\s*import\("([^"]+)"\)/g;
  for (const [, route, module] of source.matchAll(pattern)) {
    if (!route || !module || route.includes("*")) continue;
    found.push({
      path: route.startsWith("/") ? route : `/${route}`,
      module: path.resolve(path.dirname(routerFile), module),
    });
  }
  return found;
}

/** The regular expression (as text) a pathname of `route` matches: ":param" is one segment. */
export function routePattern(route: string): string {
  const escaped = route
    .split("/")
    .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return `^${escaped}/?$`;
}

type Chunk = {
  type: "chunk";
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
};
type Bundle = Record<string, Chunk | { type: "asset" }>;

/**
 * Per route, the scripts its page needs at once (its chunk and what that imports, transitively),
 * less those the entry loads anyway (Vite preloads the entry's own imports already).
 */
export function routeChunks(bundle: Bundle, routes: RouteModule[]): Map<string, string[]> {
  const chunks = Object.values(bundle).filter((c): c is Chunk => c.type === "chunk");
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const next of byName.get(name)?.imports ?? []) visit(next);
    };
    for (const name of start) visit(name);
    return seen;
  };
  const entry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
  const out = new Map<string, string[]>();
  for (const route of routes) {
    const chunk = chunks.find((c) => c.facadeModuleId === route.module);
    if (!chunk) continue;
    const files = [...closure([chunk.fileName])].filter((name) => !entry.has(name));
    if (files.length) out.set(route.path, files);
  }
  return out;
}

/**
 * A small inline script that adds `<link rel="modulepreload">` for the scripts of the page being
 * opened, so they download alongside the entry instead of after it (issue #20: the ledger on a
 * slow phone link waited for the entry, then its route's chunks). Only the opened page's: a
 * preload of every route would take the link's bandwidth from the entry.
 */
export function preloadScript(chunksByRoute: Map<string, string[]>, base: string): string {
  const files = [...new Set([...chunksByRoute.values()].flat())];
  const index = new Map(files.map((f, i) => [f, i]));
  const routes = [...chunksByRoute].map(([route, names]) => [
    routePattern(route),
    names.map((n) => index.get(n)!),
  ]);
  const data = JSON.stringify([files.map((f) => base + f), routes]).replace(/</g, "\\u003c");
  return (
    `(function(d){var f=d[0],r=d[1],p=location.pathname;` +
    `for(var i=0;i<r.length;i++)if(new RegExp(r[i][0]).test(p)){` +
    `r[i][1].forEach(function(n){var l=document.createElement("link");` +
    `l.rel="modulepreload";l.crossOrigin="";l.href=f[n];document.head.appendChild(l)});return}` +
    `})(${data})`
  );
}

/** The Vite plugin: the preload script goes into the built index.html's head. */
export function routePreloads(routerFile: string): Plugin {
  let base = "/";
  return {
    name: "duban-route-preloads",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const routes = routeModules(readFileSync(routerFile, "utf8"), routerFile);
        const chunks = routeChunks(ctx.bundle as unknown as Bundle, routes);
        if (!chunks.size) return html;
        return {
          html,
          tags: [{ tag: "script", children: preloadScript(chunks, base), injectTo: "head" }],
        };
      },
    },
  };
}
