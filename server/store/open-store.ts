import { log } from "../log.ts";
import type { Db } from "./db.ts";
import { runMigrations } from "./migrations.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";

export interface StoreOptions {
  /** A PostgreSQL connection string; when absent, PGlite under `dataDir`. */
  databaseUrl?: string;
  /** PGlite's folder, or ":memory:". */
  dataDir: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Db> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    const applied = await runMigrations(db);
    log.info({ kind: db.kind, applied }, "store ready");
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
