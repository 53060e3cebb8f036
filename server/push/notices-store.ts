import { REMINDER_DEFAULT_MINUTES } from "../../shared/push.ts";
import type { Queryable } from "../store/db.ts";
import { newId } from "../store/ids.ts";

/**
 * The notices queue. Every notice is one row per subscription with an idempotency key, unique
 * per subscription, so queuing the same notice twice (two planners, a retried transaction)
 * adds nothing. Rows hold ids only: never a pseudonym, a title or the text sent.
 */

export type SessionNoticeKind = "moved" | "cancelled" | "restored";

/**
 * Which notice a change of an occurrence calls for, given the occurrence before it: a skip tells
 * people as a cancellation does; a restore tells them only if it was off (or it moves back).
 */
export function sessionNoticeKindOf(
  before: { status: "scheduled" | "skipped" | "cancelled"; moved: boolean },
  action: "skip" | "cancel" | "restore" | "move",
): SessionNoticeKind | undefined {
  switch (action) {
    case "skip":
    case "cancel":
      return before.status === "scheduled" ? "cancelled" : undefined;
    case "move":
      return "moved";
    case "restore":
      return before.status !== "scheduled" ? "restored" : before.moved ? "moved" : undefined;
  }
}

/**
 * Hook for scheduling code: call in the transaction that moved, cancelled (or skipped) or restored
 * an occurrence, after the change is written. Everyone registered or waitlisted for it who allowed
 * notifications is told. `stamp` tells one change from the next (e.g. the occurrence's SEQUENCE);
 * by default a fresh random one, so each call is its own notice.
 */
export function queueSessionNotices(
  tx: Queryable,
  occurrenceId: string,
  kind: SessionNoticeKind,
  stamp: string | number = newId(),
): Promise<number> {
  return queueChangeNotices(tx, "r.occurrence_id = $1 AND r.status <> 'cancelled'", occurrenceId, kind, stamp);
}

/**
 * For changes that move or cancel particular registrations (a series split at "this and following"):
 * tells each of them, whatever their registration's status is now.
 */
export async function queueRegistrationNotices(
  tx: Queryable,
  registrationIds: string[],
  kind: SessionNoticeKind,
  stamp: string | number = newId(),
): Promise<number> {
  if (registrationIds.length === 0) return 0;
  return queueChangeNotices(tx, "r.id = ANY($1::text[])", registrationIds, kind, stamp);
}

/** One notice of `kind` per subscription of each registration `where` picks ($1 is `which`). */
async function queueChangeNotices(tx: Queryable, where: string, which: string | string[], kind: SessionNoticeKind, stamp: string | number): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO push_notices (subscription_id, idempotency_key, kind, registration_id, occurrence_id, session_start)
     SELECT s.id, $2 || ':' || r.id || ':' || r.occurrence_id || ':' || $3, $2, r.id, r.occurrence_id,
            coalesce(o.moved_start, o.original_start)
       FROM registrations r
       JOIN session_occurrences o ON o.id = r.occurrence_id
       JOIN push_subscriptions s ON s.participant_key_hash = r.participant_key_hash
      WHERE ${where}
     ON CONFLICT (subscription_id, idempotency_key) DO NOTHING
     RETURNING id`,
    [which, kind, String(stamp)],
  );
  return rows.length;
}

/** Hook for the waitlist: call in the transaction that gave these registrations a place. */
export async function queuePromotionNotices(tx: Queryable, registrationIds: string[]): Promise<number> {
  if (registrationIds.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO push_notices (subscription_id, idempotency_key, kind, registration_id, occurrence_id, session_start)
     SELECT s.id, 'promoted:' || r.id, 'promoted', r.id, r.occurrence_id, coalesce(o.moved_start, o.original_start)
       FROM registrations r
       JOIN session_occurrences o ON o.id = r.occurrence_id
       JOIN push_subscriptions s ON s.participant_key_hash = r.participant_key_hash
      WHERE r.id = ANY($1::text[])
     ON CONFLICT (subscription_id, idempotency_key) DO NOTHING
     RETURNING id`,
    [registrationIds],
  );
  return rows.length;
}

export interface PlanWindow {
  now: Date;
  /** Queue reminders due up to this long from now (they wait in the queue until due). */
  aheadMs: number;
  /** A reminder more than this late is not sent at all: the person needs it before, not after. */
  staleMs: number;
}

/**
 * Queues the reminders of registered sessions that fall due in the window, for every subscription
 * of the registered key and every reminder time it chose. The key names the start, so a session
 * that moved gets fresh reminders; the old ones are found obsolete when their turn comes.
 * A reminder due before the person registered is not queued.
 */
export async function planReminders(db: Queryable, window: PlanWindow): Promise<number> {
  const rows = await db.query(
    `INSERT INTO push_notices (subscription_id, idempotency_key, kind, registration_id, occurrence_id, session_start, minutes, not_before)
     SELECT s.id,
            'reminder:' || r.id || ':' || o.id || ':' || m.minutes || ':' || (extract(epoch FROM t.start) * 1000)::bigint,
            'reminder', r.id, o.id, t.start, m.minutes, t.start - m.minutes * interval '1 minute'
       FROM registrations r
       JOIN session_occurrences o ON o.id = r.occurrence_id
       CROSS JOIN LATERAL (SELECT coalesce(o.moved_start, o.original_start) AS start) t
       JOIN push_subscriptions s ON s.participant_key_hash = r.participant_key_hash
       LEFT JOIN push_preferences p ON p.participant_key_hash = r.participant_key_hash
       CROSS JOIN LATERAL unnest(coalesce(p.reminder_minutes, $4::int[])) AS m(minutes)
      WHERE r.status = 'registered' AND o.status = 'scheduled'
        AND t.start > $1::timestamptz
        AND t.start - m.minutes * interval '1 minute' <= $1::timestamptz + $2::int * interval '1 millisecond'
        AND t.start - m.minutes * interval '1 minute' > $1::timestamptz - $3::int * interval '1 millisecond'
        AND t.start - m.minutes * interval '1 minute' >= r.created_at
        AND (s.expires_at IS NULL OR s.expires_at > $1::timestamptz)
     ON CONFLICT (subscription_id, idempotency_key) DO NOTHING
     RETURNING id`,
    [window.now, Math.round(window.aheadMs), Math.round(window.staleMs), [...REMINDER_DEFAULT_MINUTES]],
  );
  return rows.length;
}

export interface ClaimedNotice {
  id: string;
  subscriptionId: string;
  idempotencyKey: string;
  kind: string;
  registrationId: string;
  occurrenceId: string;
  sessionStart: Date | null;
  minutes: number | null;
  notBefore: Date | null;
  attempts: number;
}

interface NoticeRow {
  id: string | number;
  subscription_id: string;
  idempotency_key: string;
  kind: string;
  registration_id: string;
  occurrence_id: string;
  session_start: Date | null;
  minutes: number | null;
  not_before: Date | null;
  attempts: number;
}

/**
 * Takes up to `limit` due notices for `owner`: marks them 'sending' with a lease (database time)
 * in one committed statement, before anything is sent. `FOR UPDATE SKIP LOCKED` lets processes
 * claim side by side without waiting on or taking each other's rows.
 */
export async function claimDue(db: Queryable, owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedNotice[]> {
  const rows = await db.query<NoticeRow>(
    `UPDATE push_notices SET status = 'sending', lease_owner = $1, lease_until = now() + $2::int * interval '1 millisecond',
            attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM push_notices
         WHERE status = 'pending' AND (not_before IS NULL OR not_before <= $3::timestamptz)
         ORDER BY not_before NULLS FIRST, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
      RETURNING id, subscription_id, idempotency_key, kind, registration_id, occurrence_id, session_start, minutes, not_before, attempts`,
    [owner, Math.round(leaseMs), now, limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    subscriptionId: r.subscription_id,
    idempotencyKey: r.idempotency_key,
    kind: r.kind,
    registrationId: r.registration_id,
    occurrenceId: r.occurrence_id,
    sessionStart: r.session_start,
    minutes: r.minutes === null ? null : Number(r.minutes),
    notBefore: r.not_before,
    attempts: Number(r.attempts),
  }));
}

/**
 * Notices whose sender died mid-send (lease over, still 'sending') go back to the queue. They are
 * sent again with the same Topic and notification tag, so the push service replaces a copy it
 * still holds and the browser replaces one it already shows: the person sees it once.
 */
export async function releaseExpiredLeases(db: Queryable): Promise<number> {
  const rows = await db.query(
    `UPDATE push_notices SET status = 'pending', lease_owner = NULL, lease_until = NULL
      WHERE status = 'sending' AND lease_until < now() RETURNING id`,
  );
  return rows.length;
}

export type NoticeOutcome =
  | { status: "sent"; httpStatus: number; at: Date }
  | { status: "retry"; httpStatus: number | null; notBefore: Date }
  | { status: "failed"; httpStatus: number | null }
  | { status: "obsolete" };

/** Records how a claimed notice ended; only the lease owner can, and only while it is 'sending'. */
export async function finishNotice(db: Queryable, id: string, owner: string, outcome: NoticeOutcome): Promise<boolean> {
  // The owner stays on the row: which process sent it, for the operator.
  const done = "lease_until = NULL";
  const where = "WHERE id = $1 AND lease_owner = $2 AND status = 'sending' RETURNING id";
  let rows: unknown[];
  switch (outcome.status) {
    case "sent":
      rows = await db.query(`UPDATE push_notices SET status = 'sent', sent_at = $3, last_status = $4, ${done} ${where}`, [id, owner, outcome.at, outcome.httpStatus]);
      break;
    case "retry":
      rows = await db.query(`UPDATE push_notices SET status = 'pending', not_before = $3, last_status = $4, ${done} ${where}`, [id, owner, outcome.notBefore, outcome.httpStatus]);
      break;
    case "failed":
      rows = await db.query(`UPDATE push_notices SET status = 'failed', last_status = $3, ${done} ${where}`, [id, owner, outcome.httpStatus]);
      break;
    case "obsolete":
      rows = await db.query(`UPDATE push_notices SET status = 'obsolete', ${done} ${where}`, [id, owner]);
      break;
  }
  return rows.length > 0;
}
