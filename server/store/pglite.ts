import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Db, Queryable } from "./db.ts";

/** PGlite on disk under `dataDir`, or in memory for ":memory:" (tests). One process per folder. */
export async function openPglite(dataDir: string): Promise<Db> {
  let pg: PGlite;
  if (dataDir === ":memory:") {
    pg = new PGlite();
  } else {
    const dir = path.resolve(dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    pg = new PGlite(dir);
  }
  await pg.waitReady;
  const query = async <Row>(runner: Pick<PGlite, "query">, sql: string, params?: unknown[]) =>
    (await runner.query<Row>(sql, params)).rows;
  return {
    kind: "pglite",
    query: (sql, params) => query(pg, sql, params),
    transaction: (work) =>
      pg.transaction((tx) => {
        const scoped: Queryable = { query: (sql, params) => query(tx, sql, params) };
        return work(scoped);
      }),
    close: () => pg.close(),
  };
}
