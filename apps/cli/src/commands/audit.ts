import { verifyAuditChain } from "@duban/domain";

import { withDatabase } from "../with-database.ts";

/** `pnpm duban audit verify`: recomputes the audit hash chain; exit 1 when a row was tampered with. */
export async function auditCommand(argv: string[]): Promise<number> {
  if (argv[0] !== "verify") {
    console.error("用法 usage: pnpm duban audit verify");
    return 2;
  }
  return withDatabase(async (db) => {
    const report = await verifyAuditChain({ db });
    if (report.broken.length === 0) {
      console.log(`审计日志完整 (audit chain intact): ${report.rows} 条记录 rows`);
      return 0;
    }
    console.error(`审计日志被篡改 (audit chain broken) at ${report.broken.length} rows:`);
    for (const b of report.broken)
      console.error(
        `  id ${b.id}: ${b.reason === "content" ? "内容被修改 (content altered)" : "前序记录缺失或被替换 (predecessor missing or replaced)"}`,
      );
    return 1;
  });
}
