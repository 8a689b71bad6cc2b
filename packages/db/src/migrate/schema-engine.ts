// Prisma's schema engine as WebAssembly, so migrations need only the npm registry
// (the CLI's native engine is downloaded from Prisma's servers, unreachable offline).
// The package targets bundlers (it imports the .wasm as an ES module), so it is wired by hand.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

// @types/node 20 does not declare the WebAssembly global; this is the part we use.
type WasmInstance = { exports: Record<string, unknown> };
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(
        bytes: Uint8Array,
        imports: Record<string, unknown>,
      ): Promise<{ instance: WasmInstance }>;
    };
  }
).WebAssembly;

let wasmReady: Promise<void> | undefined;

function initWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": bg });
    (bg as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

type ScriptAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * PrismaPg's executeScript splits a migration on every ";", which breaks functions and
 * triggers ($$ … ; … $$) and applies a migration statement by statement. Sending the whole
 * script as one simple-protocol query keeps PostgreSQL's own parsing and makes each
 * migration file atomic (an implicit transaction).
 */
class WholeScriptPrismaPg extends PrismaPg {
  override async connect(): Promise<ScriptAdapter> {
    return runScriptsWhole(await super.connect());
  }
  override async connectToShadowDb(): Promise<ScriptAdapter> {
    return runScriptsWhole(await super.connectToShadowDb());
  }
}

function runScriptsWhole(adapter: ScriptAdapter): ScriptAdapter {
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      onError(error);
    }
  };
  return adapter;
}

export type EngineOptions = {
  connectionString: string;
  schemaPath: string;
  schemaText: string;
  log?: (line: string) => void;
};

export async function openSchemaEngine(options: EngineOptions): Promise<SchemaEngine> {
  await initWasm();
  const adapter = new WholeScriptPrismaPg({ connectionString: options.connectionString });
  const bound = bindMigrationAwareSqlAdapterFactory(adapter);
  const log = options.log ?? (() => {});
  return bg.SchemaEngine.new(
    { datamodels: [[options.schemaPath, options.schemaText]] },
    (line: string) => log(line),
    bound,
  );
}
