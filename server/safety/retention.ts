import type { Clock } from "../clock.ts";
import { log } from "../log.ts";
import type { Queryable } from "../store/db.ts";

/** Ended sessions are made anonymous this often (and once at start). */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const ENDED = "ended:";

/**
 * Data retention: once a session has ended it keeps counts only. Each registration of an ended
 * session loses its pseudonym and its participant key's hash (replaced by a marker unique to the
 * row, so the per-session unique indexes still hold); its status stays, so attendance counts
 * (registered, waitlisted, cancelled) remain. Returns how many registrations were made anonymous.
 */
export async function anonymiseEndedSessions(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE registrations r
        SET pseudonym = '', pseudonym_key = '${ENDED}' || r.id, participant_key_hash = '${ENDED}' || r.id
       FROM session_occurrences o
       JOIN session_series s ON s.id = o.series_id
      WHERE r.occurrence_id = o.id
        AND r.participant_key_hash NOT LIKE '${ENDED}%'
        AND COALESCE(o.moved_start, o.original_start) + s.duration_minutes * interval '1 minute' <= $1
      RETURNING r.id`,
    [now],
  );
  return rows.length;
}

/** Session sanctions (mutes, removals) outlive no session: gone two days after they were given. */
const SANCTION_RETENTION_MS = 2 * 24 * 60 * 60 * 1000;

export async function purgeOldSanctions(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query("DELETE FROM session_sanctions WHERE created_at < $1 RETURNING 1", [new Date(now.getTime() - SANCTION_RETENTION_MS)]);
  return rows.length;
}

/** Runs anonymiseEndedSessions and purgeOldSanctions now and every RETENTION_INTERVAL_MS; returns a stop function. */
export function startRetention(db: Queryable, clock: Clock): () => void {
  const run = () =>
    Promise.all([anonymiseEndedSessions(db, clock.now()), purgeOldSanctions(db, clock.now())]).then(
      ([count]) => {
        if (count > 0) log.info({ registrations: count }, "ended sessions made anonymous");
      },
      (error: unknown) => log.error({ err: String(error) }, "could not apply data retention"),
    );
  void run();
  const timer = setInterval(() => void run(), RETENTION_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
