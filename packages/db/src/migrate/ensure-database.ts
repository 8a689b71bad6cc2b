import pg from "pg";

/** Creates the database named in the URL when it does not exist (a fresh machine has none). */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres";
  if (database === "postgres") return;
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (!rowCount) {
      await client
        .query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`)
        .catch((error: { code?: string }) => {
          // another process created it between our check and our CREATE
          if (error.code !== "42P04") throw error;
        });
    }
  } finally {
    await client.end();
  }
}
