/**
 * "This and following sessions": a host changes a series from one occurrence on, after people
 * registered. The series is split there: the old one ends just before that occurrence (its past
 * keeps its ids, registrations and calendar events) and a new series carries the new timing.
 * Registrations on the old later occurrences move to the new series' occurrences in order (the
 * first one on or after the split to the new first one, and so on), keeping their waitlist
 * order; a registration with no counterpart (the new series is shorter) is cancelled.
 */
import type { Queryable } from "../store/db.ts";
import { firstOccurrences, formatRRule, occurrencesBetween, parseRRule } from "./recurrence.ts";
import { createSeries, deleteSeries, type Series, type SeriesFields } from "./series-store.ts";
import { ensureOccurrence, findSession, type Session, sessionId } from "./sessions.ts";

/** A registration the split touched: who to tell (by key hash only) and where their place went. */
export interface MovedRegistration {
  registrationId: string;
  keyHash: string;
  status: "registered" | "waitlisted";
  fromSessionId: string;
  /** The new session, or null when the new series has no counterpart and the place was cancelled. */
  toSessionId: string | null;
}

export interface SplitResult {
  /** The old series, ending before the split; null when the split was at its first occurrence (it is gone). */
  before: Series | null;
  after: Series;
  affected: MovedRegistration[];
}

export class SplitRefused extends Error {}

/** Ends `series` just before `at` (UNTIL one second earlier; COUNT becomes UNTIL). */
async function endSeriesBefore(tx: Queryable, series: Series, at: Date): Promise<Series | null> {
  const parsed = parseRRule(series.rrule ?? "");
  if (!parsed.ok) throw new SplitRefused("This is a one-off session: move it instead.");
  const first = firstOccurrences(series, 1)[0];
  if (!first || first >= at) return null;
  const rrule = formatRRule({ ...parsed.rule, count: undefined, until: new Date(at.getTime() - 1000) });
  await tx.query("UPDATE session_series SET rrule = $2, revision = revision + 1 WHERE id = $1", [series.id, rrule]);
  return { ...series, rrule, revision: series.revision + 1 };
}

/**
 * Splits `series` at `from` (one of its sessions) so that it and every later session follow
 * `fields`. Call in a transaction; the series row is locked first, then each occurrence.
 * Returns the registrations affected, for notices.
 */
export async function splitSeriesAt(tx: Queryable, series: Series, from: Session, fields: SeriesFields, now: Date): Promise<SplitResult> {
  await tx.query("SELECT id FROM session_series WHERE id = $1 FOR UPDATE", [series.id]);
  const rows = await tx.query<{ id: string; original_start: Date; capacity: number | null }>(
    "SELECT id, original_start, capacity FROM session_occurrences WHERE series_id = $1 AND original_start >= $2 ORDER BY original_start FOR UPDATE",
    [series.id, from.originalStart],
  );
  const after = await createSeries(tx, series.circleId, fields, now);
  const lastRow = rows.at(-1)?.original_start;
  const oldStarts = lastRow ? occurrencesBetween(series, from.originalStart, new Date(lastRow.getTime() + 1)) : [];
  const newStarts = firstOccurrences(after, Math.max(oldStarts.length, 1));
  if (newStarts.length === 0 || newStarts[0]! <= now) throw new SplitRefused("The new schedule's first session must be in the future.");
  const byStart = new Map(rows.map((r) => [r.original_start.getTime(), r]));
  const affected: MovedRegistration[] = [];
  for (const [index, oldStart] of oldStarts.entries()) {
    const row = byStart.get(oldStart.getTime());
    if (!row) continue;
    const target = newStarts[index];
    const live = await tx.query<{ id: string; participant_key_hash: string; status: "registered" | "waitlisted" }>(
      "SELECT id, participant_key_hash, status FROM registrations WHERE occurrence_id = $1 AND status <> 'cancelled' ORDER BY seq",
      [row.id],
    );
    let toSessionId: string | null = null;
    if (target) {
      const session = (await findSession(tx, sessionId(after.id, target)))!;
      await ensureOccurrence(tx, session, now, true);
      if (row.capacity !== null) await tx.query("UPDATE session_occurrences SET capacity = $2 WHERE id = $1", [session.id, row.capacity]);
      await tx.query("UPDATE registrations SET occurrence_id = $2 WHERE occurrence_id = $1", [row.id, session.id]);
      toSessionId = session.id;
    } else {
      await tx.query("UPDATE registrations SET status = 'cancelled' WHERE occurrence_id = $1", [row.id]);
    }
    for (const r of live) {
      affected.push({ registrationId: r.id, keyHash: r.participant_key_hash, status: r.status, fromSessionId: row.id, toSessionId });
    }
  }
  // The old later occurrences are no longer part of any series; their registrations have moved.
  await tx.query("DELETE FROM session_occurrences WHERE series_id = $1 AND original_start >= $2 AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.occurrence_id = session_occurrences.id)", [series.id, from.originalStart]);
  const before = await endSeriesBefore(tx, series, from.originalStart);
  if (!before) await deleteSeries(tx, series.id);
  return { before, after, affected };
}
