import type { CheckInCounts, CheckInMoment, CircleCheckIns } from "../../shared/checkins.ts";
import { MOOD_MAX } from "../../shared/checkins.ts";
import type { Queryable } from "../store/db.ts";

/** One person's check-in, as it is counted: the person is not part of it. */
export interface CheckInEntry {
  circleId: string;
  /** The session's id, or "open:<UTC day>" for an always-open circle. */
  sessionKey: string;
  sessionStart: Date;
  moment: CheckInMoment;
  mood: number | null;
  wantsCheckIn: boolean;
}

const WANTS = "wants-check-in";

/** Adds one to each bucket the check-in names. Nothing else about it is kept anywhere. */
export async function countCheckIn(db: Queryable, entry: CheckInEntry): Promise<void> {
  const buckets = [...(entry.mood !== null ? [`mood-${entry.mood}`] : []), ...(entry.wantsCheckIn ? [WANTS] : [])];
  for (const bucket of buckets) {
    await db.query(
      `INSERT INTO checkin_counts (circle_id, session_key, session_start, moment, bucket, count) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (circle_id, session_key, moment, bucket) DO UPDATE SET count = checkin_counts.count + 1`,
      [entry.circleId, entry.sessionKey, entry.sessionStart, entry.moment, bucket],
    );
  }
}

interface CountRow {
  session_key: string;
  session_start: Date;
  moment: CheckInMoment;
  bucket: string;
  count: number;
}

const emptyCounts = (): CheckInCounts => ({ moods: Array.from({ length: MOOD_MAX }, () => 0), wantsCheckIn: 0 });

/** A circle's counts per session, oldest first (at most the last `limit` sessions). */
export async function checkInsOfCircle(db: Queryable, circleId: string, limit = 52): Promise<CircleCheckIns> {
  const rows = await db.query<CountRow>(
    `SELECT session_key, session_start, moment, bucket, count FROM checkin_counts
      WHERE circle_id = $1 AND session_key IN (
        SELECT session_key FROM checkin_counts WHERE circle_id = $1 GROUP BY session_key ORDER BY max(session_start) DESC LIMIT $2)
      ORDER BY session_start, session_key`,
    [circleId, limit],
  );
  const sessions = new Map<string, CircleCheckIns["sessions"][number]>();
  for (const row of rows) {
    let session = sessions.get(row.session_key);
    if (!session) {
      session = { sessionKey: row.session_key, start: row.session_start.toISOString(), before: emptyCounts(), after: emptyCounts() };
      sessions.set(row.session_key, session);
    }
    const counts = session[row.moment];
    if (row.bucket === WANTS) counts.wantsCheckIn += Number(row.count);
    else counts.moods[Number(row.bucket.slice("mood-".length)) - 1]! += Number(row.count);
  }
  return { sessions: [...sessions.values()] };
}
