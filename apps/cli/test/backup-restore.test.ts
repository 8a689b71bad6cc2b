// Backups without an administrator, as a county runs Duban: the demo in a fresh data folder on the
// embedded PostgreSQL, an evidence file, `pnpm duban backup`, `pnpm duban restore` into another
// fresh data folder, and the api started on each serves the same plans and the same evidence bytes.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import pg from "pg";
import { expect, onTestFinished } from "vitest";

import { createDb } from "@duban/db";
import { addEvidence, type Actor } from "@duban/domain";
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "@duban/local-services";
import { test } from "@duban/test-utils";

import { findPgTool } from "../src/backup/pg-tools.ts";
import { dataFolder, duban, embeddedEnv, repoRoot } from "./cli-process.ts";

const PASSWORD = "backup-test-pass";

async function embedded(dir: string): Promise<EmbeddedPostgresHandle> {
  const server = await startEmbeddedPostgres(path.join(dir, "pg"));
  onTestFinished(() => server.stop());
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const COUNTS = `SELECT (SELECT count(*) FROM "Plan")::int AS plans, (SELECT count(*) FROM "Task")::int AS tasks, (SELECT count(*) FROM "LedgerEntry")::int AS ledger,
  (SELECT count(*) FROM "AuditEvent")::int AS audit, (SELECT count(*) FROM "User")::int AS users, (SELECT count(*) FROM "EvidenceFile")::int AS evidence`;

/** the api from source on a data folder's database and evidence, on a free port */
async function startApi(
  databaseUrl: string,
  evidenceDir: string,
  redis: { url: string; prefix: string },
) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `${redis.prefix}-${port}`,
      PORT: String(port),
      APP_BASE_URL: base,
      EVIDENCE_DIR: evidenceDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  await expect
    .poll(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status, {
      timeout: 60_000,
      interval: 250,
    })
    .toBe(200);
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email: "office@xifeng.demo", password: PASSWORD } }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const get = async (procedure: string, input: unknown) => {
    const res = await fetch(
      `${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
      { headers: { cookie } },
    );
    expect(res.status, procedure).toBe(200);
    return ((await res.json()) as { result: { data: { json: unknown } } }).result.data.json;
  };
  const download = async (evidenceId: string) => {
    const res = await fetch(`${base}/api/evidence/${evidenceId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  return { get, download };
}

/** attaches a PNG to a current, unreviewed ledger entry of a 息烽县 unit, as that unit's staff */
async function addEvidenceFile(
  databaseUrl: string,
  evidenceDir: string,
): Promise<{ id: string; bytes: Buffer }> {
  const db = createDb({ connectionString: databaseUrl, max: 2 });
  try {
    const entry = await db.ledgerEntry.findFirstOrThrow({
      where: {
        isCurrent: true,
        reviewState: { not: "APPROVED" },
        department: {
          jurisdiction: { name: "息烽县" },
          memberships: { some: { role: "DEPARTMENT" } },
        },
      },
    });
    const member = await db.membership.findFirstOrThrow({
      where: { departmentId: entry.departmentId, role: "DEPARTMENT" },
      include: { user: true },
    });
    const actor: Actor = {
      kind: "user",
      userId: member.userId,
      email: member.user.email,
      name: member.user.name,
      memberships: [
        {
          jurisdictionId: member.jurisdictionId,
          role: member.role,
          departmentId: member.departmentId,
        },
      ],
    };
    const bytes = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(3000),
    ]);
    const file = await addEvidence(
      { db, actor },
      {
        entryId: entry.id,
        fileName: "现场照片.png",
        bytes,
        storageDir: evidenceDir,
      },
    );
    return { id: file.id, bytes };
  } finally {
    await db.$disconnect();
  }
}

test("a backup of the embedded database restores into a fresh data folder, which serves the same plans and evidence; a non-empty database and a corrupted file are refused with nothing changed", async ({
  redis,
}) => {
  const source = await dataFolder("duban-backup-src-");
  const target = await dataFolder("duban-backup-dst-");
  const envOf = (dir: string) =>
    embeddedEnv({ DUBAN_DATA_DIR: dir, DUBAN_DEMO_PASSWORD: PASSWORD });

  // 1. the demo and an evidence file in the source folder, then `pnpm duban backup` (embedded PostgreSQL)
  expect(duban(["demo"], envOf(source)).code).toBe(0);
  let server = await embedded(source);
  const evidence = await addEvidenceFile(server.url("duban"), path.join(source, "evidence"));
  await server.stop();
  const backup = duban(["backup"], envOf(source));
  expect(backup.stderr).toBe("");
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/1 个佐证材料 evidence files/);
  const [file] = readdirSync(path.join(source, "backups")).filter((f) =>
    /^duban-\d{8}-\d{6}\.tar$/.test(f),
  );
  const backupFile = path.join(source, "backups", file!);

  // 2. restore into a fresh folder: no database there yet
  const restored = duban(["restore", backupFile], envOf(target));
  expect(restored.stderr).toBe("");
  expect(restored.code).toBe(0);
  const sha = createHash("sha256").update(evidence.bytes).digest("hex");
  expect(
    readFileSync(path.join(target, "evidence", sha.slice(0, 2), sha)).equals(evidence.bytes),
  ).toBe(true);

  // 3. both folders' databases, with an api on each: the same plan list, documents and evidence bytes
  server = await embedded(source);
  const restoredServer = await embedded(target);
  const [sourceUrl, targetUrl] = [server.url("duban"), restoredServer.url("duban")];
  expect(await query(targetUrl, COUNTS)).toEqual(await query(sourceUrl, COUNTS));
  const before = await startApi(sourceUrl, path.join(source, "evidence"), redis);
  const after = await startApi(targetUrl, path.join(target, "evidence"), redis);
  const plans = (await after.get("plan.list", {})) as Array<{ id: string; title: string }>;
  expect(plans.length).toBeGreaterThan(0);
  expect(plans).toEqual(await before.get("plan.list", {}));
  for (const plan of plans)
    expect(await after.get("plan.document", { planId: plan.id }), plan.title).toEqual(
      await before.get("plan.document", { planId: plan.id }),
    );
  expect((await after.download(evidence.id)).equals(evidence.bytes)).toBe(true);
  const verify = duban(["audit", "verify"], { ...envOf(target), DATABASE_URL: targetUrl });
  expect(verify.code, verify.stderr).toBe(0);

  // 4. again into the restored (now non-empty) database, without --force: refused, nothing changed
  const databases = `SELECT datname FROM pg_database ORDER BY 1`;
  const state = async () => ({
    counts: await query(targetUrl, COUNTS),
    databases: await query(restoredServer.url("postgres"), databases),
    backups: readdirSync(path.join(target, "backups")),
  });
  const unchanged = await state();
  const refused = duban(["restore", backupFile], { ...envOf(target), DATABASE_URL: targetUrl });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/^目标数据库 duban 已有数据，未做任何更改。.*--force/);
  expect(await state()).toEqual(unchanged);

  // 5. a corrupted backup, even with --force: refused before anything happens; and a truncated one
  const bytes = readFileSync(backupFile);
  const corrupted = Buffer.from(bytes);
  const at = Math.floor(bytes.length / 2);
  corrupted[at] = corrupted[at]! ^ 0xff;
  const corruptedFile = path.join(target, "corrupted.tar");
  writeFileSync(corruptedFile, corrupted);
  const truncatedFile = path.join(target, "truncated.tar");
  writeFileSync(truncatedFile, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  for (const bad of [corruptedFile, truncatedFile]) {
    const result = duban(["restore", bad, "--force"], {
      ...envOf(target),
      DATABASE_URL: targetUrl,
    });
    expect(result.code, path.basename(bad)).toBe(2);
    expect(result.stderr).toMatch(/^备份文件已损坏或不完整，未做任何更改/);
    expect(await state()).toEqual(unchanged);
  }
}, 400_000);

test("with DATABASE_URL, the backup uses the machine's pg_dump when its version fits the server, and restores into a new database with rows, audit chain and append-only rule intact", async ({
  database,
}) => {
  const dir = await dataFolder("duban-backup-url-");
  const env = {
    ...embeddedEnv({ DUBAN_DATA_DIR: dir, DUBAN_DEMO_PASSWORD: PASSWORD }),
    DATABASE_URL: database.url,
  };
  expect(duban(["demo"], env).code).toBe(0);
  const major = Math.floor(
    Number(
      (
        await query<{ v: string }>(
          database.url,
          "SELECT current_setting('server_version_num') AS v",
        )
      )[0]!.v,
    ) / 10_000,
  );
  const { tool } = await findPgTool("pg_dump", major);
  const backup = duban(["backup"], env);
  expect(backup.code, backup.stderr).toBe(0);
  expect(backup.stdout).toContain(tool ? `, pg_dump, ` : `, copy, `);

  const copy = new URL(database.url);
  copy.pathname = `/${copy.pathname.slice(1)}_restored`;
  onTestFinished(() =>
    query(database.url, `DROP DATABASE IF EXISTS "${copy.pathname.slice(1)}" WITH (FORCE)`).then(
      () => undefined,
    ),
  );
  const file = path.join(
    dir,
    "backups",
    readdirSync(path.join(dir, "backups")).find((f) => f.endsWith(".tar"))!,
  );
  const restored = duban(["restore", file], { ...env, DATABASE_URL: copy.toString() });
  expect(restored.code, restored.stderr).toBe(0);
  expect(await query(copy.toString(), COUNTS)).toEqual(await query(database.url, COUNTS));
  expect(duban(["audit", "verify"], { ...env, DATABASE_URL: copy.toString() }).code).toBe(0);
  await expect(query(copy.toString(), `DELETE FROM "AuditEvent"`)).rejects.toThrow();
}, 300_000);
