import type { ReferralDirectory, ReferralEntry } from "../../shared/referrals.ts";
import { one, type Queryable } from "../store/db.ts";

/** Whose directory: one circle's, or a host's for all their circles. */
export type ReferralScope = { circleId: string } | { hostId: string };

const scopeKey = (scope: ReferralScope) => ("circleId" in scope ? `circle:${scope.circleId}` : `host:${scope.hostId}`);

interface Row {
  entries: ReferralEntry[] | string;
  updated_at: Date | string;
}

const entriesOf = (row: Row | undefined): ReferralEntry[] =>
  !row ? [] : typeof row.entries === "string" ? (JSON.parse(row.entries) as ReferralEntry[]) : row.entries;

export async function readReferrals(db: Queryable, scope: ReferralScope): Promise<ReferralDirectory> {
  const row = await one<Row>(db, "SELECT entries, updated_at FROM referral_directories WHERE scope = $1", [scopeKey(scope)]);
  return { entries: entriesOf(row), updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

/** Replaces a directory whole; an empty list removes it. */
export async function writeReferrals(db: Queryable, scope: ReferralScope, entries: ReferralEntry[], now: Date): Promise<void> {
  if (entries.length === 0) {
    await db.query("DELETE FROM referral_directories WHERE scope = $1", [scopeKey(scope)]);
    return;
  }
  await db.query(
    `INSERT INTO referral_directories (scope, entries, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (scope) DO UPDATE SET entries = EXCLUDED.entries, updated_at = EXCLUDED.updated_at`,
    [scopeKey(scope), JSON.stringify(entries), now],
  );
}

/** What a participant of the circle sees: the circle's entries, then its host's. */
export async function circleReferrals(db: Queryable, circleId: string, hostId: string): Promise<ReferralDirectory> {
  const [own, host] = await Promise.all([readReferrals(db, { circleId }), readReferrals(db, { hostId })]);
  const dates = [own.updatedAt, host.updatedAt].filter((d): d is string => d !== null).sort();
  return { entries: [...own.entries, ...host.entries], updatedAt: dates.at(-1) ?? null };
}
