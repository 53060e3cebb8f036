import pg from "pg";
import { log } from "../log.ts";
import type { Db, Queryable } from "./db.ts";

/** A pooled connection to a PostgreSQL server. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that breaks (server restart) must not take the process down.
  pool.on("error", (error) => log.warn({ err: error.message }, "a pooled PostgreSQL connection failed"));
  // Fail at start with the server's own words rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: "postgres",
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const scoped: Queryable = { query: async (sql, params) => (await client.query(sql, params)).rows };
        const result = await work(scoped);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
