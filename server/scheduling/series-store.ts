import { one, type Queryable } from "../store/db.ts";
import { newId } from "../store/ids.ts";

export interface Series {
  id: string;
  circleId: string;
  /** RRULE text, or null for a one-off session. */
  rrule: string | null;
  timeZone: string;
  startDate: string;
  startTime: string;
  durationMinutes: number;
  lobbyOpenMinutes: number;
  /** Rises whenever the series or its circle's title changes: part of every occurrence's SEQUENCE. */
  revision: number;
}

export type SeriesFields = Omit<Series, "id" | "circleId" | "revision">;

interface SeriesRow {
  id: string;
  circle_id: string;
  rrule: string | null;
  time_zone: string;
  start_date: string;
  start_time: string;
  duration_minutes: number;
  lobby_open_minutes: number;
  revision: number;
}

const toSeries = (r: SeriesRow): Series => ({
  id: r.id,
  circleId: r.circle_id,
  rrule: r.rrule,
  timeZone: r.time_zone,
  startDate: r.start_date,
  startTime: r.start_time,
  durationMinutes: r.duration_minutes,
  lobbyOpenMinutes: r.lobby_open_minutes,
  revision: r.revision,
});

export async function createSeries(db: Queryable, circleId: string, fields: SeriesFields, now: Date): Promise<Series> {
  const row = await one<SeriesRow>(
    db,
    `INSERT INTO session_series (id, circle_id, rrule, time_zone, start_date, start_time, duration_minutes, lobby_open_minutes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [newId(), circleId, fields.rrule, fields.timeZone, fields.startDate, fields.startTime, fields.durationMinutes, fields.lobbyOpenMinutes, now],
  );
  return toSeries(row!);
}

export async function updateSeries(db: Queryable, id: string, fields: SeriesFields): Promise<Series | undefined> {
  const row = await one<SeriesRow>(
    db,
    `UPDATE session_series SET rrule = $2, time_zone = $3, start_date = $4, start_time = $5, duration_minutes = $6, lobby_open_minutes = $7,
        revision = revision + 1
      WHERE id = $1 RETURNING *`,
    [id, fields.rrule, fields.timeZone, fields.startDate, fields.startTime, fields.durationMinutes, fields.lobbyOpenMinutes],
  );
  return row && toSeries(row);
}

export async function deleteSeries(db: Queryable, id: string): Promise<void> {
  await db.query("DELETE FROM session_series WHERE id = $1", [id]);
}

export async function findSeries(db: Queryable, id: string): Promise<Series | undefined> {
  const row = await one<SeriesRow>(db, "SELECT * FROM session_series WHERE id = $1", [id]);
  return row && toSeries(row);
}

export async function seriesOfCircles(db: Queryable, circleIds: string[]): Promise<Series[]> {
  if (circleIds.length === 0) return [];
  const rows = await db.query<SeriesRow>("SELECT * FROM session_series WHERE circle_id = ANY($1::text[]) ORDER BY created_at", [circleIds]);
  return rows.map(toSeries);
}

/** A circle's title or description changed: every event of its series gets a higher SEQUENCE. */
export async function reviseSeriesOfCircle(db: Queryable, circleId: string): Promise<void> {
  await db.query("UPDATE session_series SET revision = revision + 1 WHERE circle_id = $1", [circleId]);
}
