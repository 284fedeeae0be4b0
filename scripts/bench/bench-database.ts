import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseDatabaseUrl } from "../../lib/server/platform/database-url";
import { createDb, prepareDb, type Db } from "../../lib/server/platform/db";
import { deployMigrations } from "../prisma";

/**
 * A fresh SQLite database in a temporary folder, migrated with the real migrations; `url` and `filePath`
 * let another process or a bare client open it; `drop` deletes it.
 */
export async function createBenchDatabase(): Promise<{
  db: Db;
  url: string;
  filePath: string;
  drop(): Promise<void>;
}> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "plenum-bench-"));
  const filePath = path.join(directory, "bench.db");
  const url = `file:${filePath}`;
  deployMigrations({ ...process.env, DATABASE_URL: url }, { isQuiet: true });
  const db = createDb(parseDatabaseUrl(url));
  await prepareDb(db);
  return {
    db,
    url,
    filePath,
    drop: async () => {
      await db.$disconnect();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
