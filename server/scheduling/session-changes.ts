/**
 * The one place a host's change to a session happens, so notices can hook it: each function runs
 * in the caller's transaction and returns who is affected (by participant key hash only).
 * Web Push notices (issue 13, the reminders half) enqueue from these results.
 */
import type { Circle } from "../circles/circles-store.ts";
import { fillFromWaitlist } from "../registrations/registrations-store.ts";
import type { Queryable } from "../store/db.ts";
import { changeSession, type Session, type SessionChange } from "./sessions.ts";

/** A live registration of a session: whom a move or cancellation concerns. */
export interface AffectedRegistration {
  registrationId: string;
  keyHash: string;
  status: "registered" | "waitlisted";
  sessionId: string;
}

export interface SessionChangeResult {
  /** Everyone registered or waitlisted for the session, when its time or status changed. */
  affected: AffectedRegistration[];
  /** Registration ids moved from the waitlist into a place (a raised capacity). */
  promoted: string[];
}

/** Live registrations of a session, in waitlist order. */
export async function liveRegistrations(db: Queryable, sessionId: string): Promise<AffectedRegistration[]> {
  const rows = await db.query<{ id: string; participant_key_hash: string; status: "registered" | "waitlisted" }>(
    "SELECT id, participant_key_hash, status FROM registrations WHERE occurrence_id = $1 AND status <> 'cancelled' ORDER BY seq",
    [sessionId],
  );
  return rows.map((r) => ({ registrationId: r.id, keyHash: r.participant_key_hash, status: r.status, sessionId }));
}

/**
 * Skips, cancels, restores or moves a session, or sets its own capacity (a larger one gives
 * waitlisted people a place). Call inside a transaction.
 */
export async function applySessionChange(tx: Queryable, session: Session, circle: Circle, change: SessionChange, now: Date): Promise<SessionChangeResult> {
  await changeSession(tx, session, change, now);
  if (change.action === "capacity") {
    const promoted = await fillFromWaitlist(tx, session.id, change.capacity ?? circle.capacity);
    return { affected: [], promoted };
  }
  return { affected: await liveRegistrations(tx, session.id), promoted: [] };
}
