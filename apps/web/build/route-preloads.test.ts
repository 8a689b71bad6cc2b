import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";

import { describe, expect, it } from "vitest";

import { preloadScript, routeChunks, routeModules, routePattern } from "./route-preloads.ts";

const ROUTER = fileURLToPath(new URL("../src/app/router.tsx", import.meta.url));
const PAGES = fileURLToPath(new URL("../src/pages", import.meta.url));

describe("route preloads from the HTML (issue #20)", () => {
  it("finds every lazy page of the router, the ledger among them", () => {
    const source = readFileSync(ROUTER, "utf8");
    const routes = routeModules(source, ROUTER);
    // every `lazy: page(…)` but the catch-all
    expect(routes).toHaveLength(source.split("lazy: page(").length - 2);
    expect(routes).toContainEqual({ path: "/ledger", module: `${PAGES}/ledger/LedgerPage.tsx` });
    expect(routes).toContainEqual({ path: "/login", module: `${PAGES}/auth/LoginPage.tsx` });
    expect(routes.find((r) => r.path === "/tasks/:taskId")?.module).toBe(
      `${PAGES}/tasks/TaskPage.tsx`,
    );
  });

  it("matches a route's pathnames only", () => {
    const tasks = new RegExp(routePattern("/tasks/:taskId"));
    expect(tasks.test("/tasks/abc-1")).toBe(true);
    expect(tasks.test("/tasks/abc-1/")).toBe(true);
    expect(tasks.test("/tasks")).toBe(false);
    expect(tasks.test("/tasks/a/b")).toBe(false);
    expect(new RegExp(routePattern("/ledger")).test("/ledgerx")).toBe(false);
  });

  it("preloads the opened page's chunks that the entry does not load, and nothing else", () => {
    const chunk = (
      fileName: string,
      imports: string[],
      facade: string | null,
      isEntry = false,
    ) => ({
      type: "chunk" as const,
      fileName,
      imports,
      facadeModuleId: facade,
      isEntry,
    });
    const bundle = {
      "assets/index.js": chunk("assets/index.js", ["assets/react.js"], "/src/main.tsx", true),
      "assets/react.js": chunk("assets/react.js", [], null),
      "assets/LedgerPage.js": chunk(
        "assets/LedgerPage.js",
        ["assets/tabs.js", "assets/react.js"],
        "/src/pages/ledger/LedgerPage.tsx",
      ),
      "assets/tabs.js": chunk("assets/tabs.js", ["assets/motion.js"], null),
      "assets/motion.js": chunk("assets/motion.js", [], null),
      "assets/TodoPage.js": chunk("assets/TodoPage.js", [], "/src/pages/todo/TodoPage.tsx"),
      "index.css": { type: "asset" as const },
    };
    const chunks = routeChunks(bundle, [
      { path: "/ledger", module: "/src/pages/ledger/LedgerPage.tsx" },
      { path: "/todo", module: "/src/pages/todo/TodoPage.tsx" },
      { path: "/gone", module: "/src/pages/gone/GonePage.tsx" },
    ]);
    expect(chunks.get("/ledger")?.sort()).toEqual([
      "assets/LedgerPage.js",
      "assets/motion.js",
      "assets/tabs.js",
    ]);
    expect(chunks.get("/todo")).toEqual(["assets/TodoPage.js"]);
    expect(chunks.has("/gone")).toBe(false);

    // the script, run on /ledger, adds exactly those links
    const added: Array<{ rel: string; href: string; crossOrigin: string }> = [];
    const document = {
      createElement: () => ({ rel: "", href: "", crossOrigin: null as string | null }),
      head: { appendChild: (l: (typeof added)[number]) => added.push(l) },
    };
    const script = preloadScript(chunks, "/");
    runInNewContext(script, { document, location: { pathname: "/ledger" } });
    expect(added.map((l) => [l.rel, l.href, l.crossOrigin])).toEqual(
      chunks.get("/ledger")!.map((f) => ["modulepreload", `/${f}`, ""]),
    );
    added.length = 0;
    runInNewContext(script, { document, location: { pathname: "/overview" } });
    expect(added).toEqual([]);
  });
});
