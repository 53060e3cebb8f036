import { one, type Queryable } from "../store/db.ts";
import { compactUtc, hasOccurrenceAt, occurrencesBetween } from "./recurrence.ts";
import { findSeries, type Series, seriesOfCircles } from "./series-store.ts";

/** A moved session stays within this many days of its original time. */
export const MOVE_WINDOW_DAYS = 60;
const DAY_MS = 86_400_000;

export type SessionStatus = "scheduled" | "skipped" | "cancelled";

/** One occurrence of a series, with its exception (skipped, moved, cancelled) applied. */
export interface Session {
  /** Stable: the series id and the original start in UTC, e.g. "k3j4h5g6m7n8-20260305T190000Z". */
  id: string;
  seriesId: string;
  circleId: string;
  originalStart: Date;
  start: Date;
  end: Date;
  lobbyOpensAt: Date;
  timeZone: string;
  status: SessionStatus;
  moved: boolean;
  recurring: boolean;
  /** iCalendar SEQUENCE: the series' revision plus this occurrence's own changes; never goes down. */
  sequence: number;
  /** This session's own number of places, or null for the circle's. */
  capacity: number | null;
}

export interface OccurrenceRow {
  id: string;
  series_id: string;
  original_start: Date;
  status: SessionStatus;
  moved_start: Date | null;
  sequence: number;
  capacity: number | null;
}

export function sessionId(seriesId: string, originalStart: Date): string {
  return `${seriesId}-${compactUtc(originalStart)}`;
}

export function parseSessionId(id: string): { seriesId: string; originalStart: Date } | undefined {
  const m = /^([a-z0-9]{4,32})-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(id);
  if (!m) return undefined;
  const [, seriesId, y, mo, d, h, mi, s] = m;
  const originalStart = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!));
  if (Number.isNaN(originalStart.getTime())) return undefined;
  return { seriesId: seriesId!, originalStart };
}

function toSession(series: Series, originalStart: Date, row: OccurrenceRow | undefined): Session {
  const start = row?.moved_start ?? originalStart;
  return {
    id: sessionId(series.id, originalStart),
    seriesId: series.id,
    circleId: series.circleId,
    originalStart,
    start,
    end: new Date(start.getTime() + series.durationMinutes * 60_000),
    lobbyOpensAt: new Date(start.getTime() - series.lobbyOpenMinutes * 60_000),
    timeZone: series.timeZone,
    status: row?.status ?? "scheduled",
    moved: Boolean(row?.moved_start),
    recurring: series.rrule !== null,
    sequence: series.revision + (row?.sequence ?? 0),
    capacity: row?.capacity ?? null,
  };
}

/** The session with this id, or undefined when the id names no occurrence of a series. */
export async function findSession(db: Queryable, id: string): Promise<Session | undefined> {
  const parsed = parseSessionId(id);
  if (!parsed) return undefined;
  const series = await findSeries(db, parsed.seriesId);
  if (!series || !hasOccurrenceAt(series, parsed.originalStart)) return undefined;
  const row = await one<OccurrenceRow>(db, "SELECT * FROM session_occurrences WHERE id = $1", [id]);
  return toSession(series, parsed.originalStart, row);
}

export interface SessionQuery {
  /** Sessions that end after this instant… */
  endsAfter: Date;
  /** …and start before this one. */
  startsBefore: Date;
  includeSkipped?: boolean;
}

/** Sessions of the given series overlapping the window, in start order. */
export async function sessionsOfSeries(db: Queryable, seriesList: Series[], query: SessionQuery): Promise<Session[]> {
  if (seriesList.length === 0) return [];
  const rows = await db.query<OccurrenceRow>("SELECT * FROM session_occurrences WHERE series_id = ANY($1::text[])", [
    seriesList.map((s) => s.id),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sessions: Session[] = [];
  for (const series of seriesList) {
    // Widen by the longest move and duration so moved sessions are found from either side.
    const slack = MOVE_WINDOW_DAYS * DAY_MS + series.durationMinutes * 60_000;
    const from = new Date(query.endsAfter.getTime() - slack);
    const to = new Date(query.startsBefore.getTime() + MOVE_WINDOW_DAYS * DAY_MS);
    for (const originalStart of occurrencesBetween(series, from, to)) {
      const session = toSession(series, originalStart, byId.get(sessionId(series.id, originalStart)));
      if (session.status === "skipped" && !query.includeSkipped) continue;
      if (session.end > query.endsAfter && session.start < query.startsBefore) sessions.push(session);
    }
  }
  return sessions.sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
}

export async function sessionsOfCircles(db: Queryable, circleIds: string[], query: SessionQuery): Promise<Session[]> {
  return sessionsOfSeries(db, await seriesOfCircles(db, circleIds), query);
}

/** Makes sure the occurrence has a row (to hold its exception or lock it), and returns it locked when asked. */
export async function ensureOccurrence(db: Queryable, session: Session, now: Date, lock = false): Promise<OccurrenceRow> {
  await db.query(
    `INSERT INTO session_occurrences (id, series_id, original_start, status, updated_at)
     VALUES ($1, $2, $3, 'scheduled', $4) ON CONFLICT (id) DO NOTHING`,
    [session.id, session.seriesId, session.originalStart, now],
  );
  return (await one<OccurrenceRow>(db, `SELECT * FROM session_occurrences WHERE id = $1 ${lock ? "FOR UPDATE" : ""}`, [session.id]))!;
}

export type SessionChange =
  | { action: "skip" }
  | { action: "cancel" }
  | { action: "restore" }
  | { action: "move"; start: Date }
  | { action: "capacity"; capacity: number | null };

/**
 * Skips, cancels, restores or moves one session (under its row lock), or sets its own capacity.
 * Every change a calendar shows raises the occurrence's SEQUENCE, so a calendar that saw the
 * session cancelled takes it back when it is restored.
 */
export async function changeSession(db: Queryable, session: Session, change: SessionChange, now: Date): Promise<void> {
  await ensureOccurrence(db, session, now, true);
  const bump = "sequence = sequence + 1, updated_at = $2";
  switch (change.action) {
    case "skip":
      await db.query(`UPDATE session_occurrences SET status = 'skipped', ${bump} WHERE id = $1`, [session.id, now]);
      break;
    case "cancel":
      await db.query(`UPDATE session_occurrences SET status = 'cancelled', ${bump} WHERE id = $1`, [session.id, now]);
      break;
    case "restore":
      await db.query(`UPDATE session_occurrences SET status = 'scheduled', moved_start = NULL, ${bump} WHERE id = $1`, [session.id, now]);
      break;
    case "move": {
      const moved = change.start.getTime() === session.originalStart.getTime() ? null : change.start;
      await db.query(`UPDATE session_occurrences SET status = 'scheduled', moved_start = $3, ${bump} WHERE id = $1`, [session.id, now, moved]);
      break;
    }
    case "capacity":
      await db.query("UPDATE session_occurrences SET capacity = $3, updated_at = $2 WHERE id = $1", [session.id, now, change.capacity]);
      break;
  }
}

/** Occurrence rows of a series that people registered for and that have not ended. */
export async function seriesHasUpcomingRegistrations(db: Queryable, seriesId: string, now: Date): Promise<boolean> {
  const rows = await db.query<{ original_start: Date; moved_start: Date | null }>(
    `SELECT o.original_start, o.moved_start FROM session_occurrences o
      WHERE o.series_id = $1 AND EXISTS (SELECT 1 FROM registrations r WHERE r.occurrence_id = o.id AND r.status <> 'cancelled')`,
    [seriesId],
  );
  return rows.some((r) => (r.moved_start ?? r.original_start).getTime() + DAY_MS > now.getTime());
}
