/**
 * One small query interface over PGlite (embedded, the default) and PostgreSQL (DATABASE_URL).
 * SQL is written in the PostgreSQL dialect with `$1` parameters; both engines run it unchanged.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface Db extends Queryable {
  /** Which engine answers: for logs and tests. */
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `work` in one transaction (READ COMMITTED on both engines): committed when it returns,
   * rolled back when it throws. PGlite runs one transaction at a time; PostgreSQL takes a pooled
   * connection, so concurrent work must lock what it reads (`SELECT … FOR UPDATE`).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The first row, or undefined. */
export async function one<Row>(db: Queryable, sql: string, params?: unknown[]): Promise<Row | undefined> {
  const rows = await db.query<Row>(sql, params);
  return rows[0];
}

/** True when `error` is PostgreSQL's unique violation (SQLSTATE 23505), from either engine. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}
