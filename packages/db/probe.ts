import { createDb } from "./src/index.ts";
const db = createDb({ connectionString: process.env.URL! });
const show = (label: string, e: any) => console.log(label, JSON.stringify({ name: e?.name, ctor: e?.constructor?.name, code: e?.code, meta: e?.meta, msg: String(e?.message).slice(0, 300), cause: e?.cause && { name: e.cause.name, code: e.cause.code, msg: String(e.cause.message).slice(0,200) } }, null, 1));
const j = await db.jurisdiction.create({ data: { name: "X" + Date.now(), kind: "COUNTY" } });
await db.department.create({ data: { jurisdictionId: j.id, name: "A" } });
try { await db.department.create({ data: { jurisdictionId: j.id, name: "A" } }); } catch (e) { show("model create", e); }
try { await db.$transaction(async (tx) => { await tx.department.create({ data: { jurisdictionId: j.id, name: "A" } }); }); } catch (e) { show("tx create", e); }
try { await db.$executeRaw`INSERT INTO "Department" (id, "jurisdictionId", name, "updatedAt") VALUES (gen_random_uuid(), ${j.id}::uuid, 'A', now())`; } catch (e) { show("raw exec", e); }
try { await db.$transaction(async (tx) => { await tx.$executeRaw`INSERT INTO "Department" (id, "jurisdictionId", name, "updatedAt") VALUES (gen_random_uuid(), ${j.id}::uuid, 'A', now())`; }); } catch (e) { show("tx raw exec", e); }
try { await db.department.create({ data: { jurisdictionId: "00000000-0000-4000-8000-000000000000", name: "B" } }); } catch (e) { show("fk", e); }
try { await db.$executeRaw`INSERT INTO "Department" (id, "jurisdictionId", name, "updatedAt") VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000000'::uuid, 'A', now())`; } catch (e) { show("raw fk", e); }
try { await db.$queryRaw`SELECT 1/0`; } catch (e) { show("raw div0", e); }
try { await db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END $$`); } catch (e) { show("raw 40001", e); }
try { await db.$transaction(async (tx) => { await tx.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END $$`); }); } catch (e) { show("tx raw 40001", e); }
try { await db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '23P01'; END $$`); } catch (e) { show("raw 23P01", e); }
try { await db.department.update({ where: { id: "00000000-0000-4000-8000-000000000000" }, data: { name: "z" } }); } catch (e) { show("update missing", e); }
await db.$disconnect();
