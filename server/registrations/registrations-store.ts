import { pseudonymKey } from "../../shared/pseudonym-key.ts";
import { isUniqueViolation, one, type Queryable } from "../store/db.ts";
import { newId } from "../store/ids.ts";
import { queuePromotionNotices } from "../push/notices-store.ts";
import { ensureOccurrence, type Session } from "../scheduling/sessions.ts";

export type RegistrationStatus = "registered" | "waitlisted" | "cancelled";

export interface Registration {
  id: string;
  sessionId: string;
  pseudonym: string;
  status: RegistrationStatus;
  createdAt: string;
  /** 1 for the first on the waitlist; null when not waitlisted. */
  waitlistPosition: number | null;
}

interface RegistrationRow {
  id: string;
  occurrence_id: string;
  pseudonym: string;
  status: RegistrationStatus;
  created_at: Date;
  waitlist_position: number | null;
}

const SELECT_REGISTRATION = `
  SELECT r.id, r.occurrence_id, r.pseudonym, r.status, r.created_at,
         CASE WHEN r.status = 'waitlisted' THEN (
           SELECT count(*)::int + 1 FROM registrations w
            WHERE w.occurrence_id = r.occurrence_id AND w.status = 'waitlisted'
              AND w.seq < r.seq) END AS waitlist_position
    FROM registrations r`;

const toRegistration = (r: RegistrationRow): Registration => ({
  id: r.id,
  sessionId: r.occurrence_id,
  pseudonym: r.pseudonym,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  waitlistPosition: r.waitlist_position,
});

export class PseudonymTakenError extends Error {
  constructor(pseudonym: string) {
    super(`Someone registered for this session is already called "${pseudonym}". Please choose another pseudonym.`);
  }
}

export type RegisterResult = { registration: Registration; alreadyRegistered: boolean };

/**
 * Registers a participant key for a session, or puts it on the waitlist when every place is taken.
 * The occurrence row is locked (SELECT … FOR UPDATE) before counting, so of two simultaneous
 * registrations for the last place exactly one is registered: the second waits for the first to
 * commit, then counts again (READ COMMITTED takes a new snapshot per statement).
 * The waitlist is ordered by `seq`, which the INSERT takes inside that lock: the position
 * returned is the one that sticks (a timestamp taken before the lock could order two racers
 * the other way round). The session's own capacity, if set, overrides the circle's.
 */
export async function register(
  tx: Queryable,
  input: { session: Session; capacity: number; keyHash: string; pseudonym: string },
  now: Date,
): Promise<RegisterResult> {
  const occurrence = await ensureOccurrence(tx, input.session, now, true);
  const capacity = occurrence.capacity ?? input.capacity;
  const existing = await one<RegistrationRow>(
    tx,
    `${SELECT_REGISTRATION} WHERE r.occurrence_id = $1 AND r.participant_key_hash = $2 AND r.status <> 'cancelled'`,
    [input.session.id, input.keyHash],
  );
  if (existing) return { registration: toRegistration(existing), alreadyRegistered: true };

  const taken = await one<{ n: number }>(
    tx,
    "SELECT count(*)::int AS n FROM registrations WHERE occurrence_id = $1 AND status = 'registered'",
    [input.session.id],
  );
  const status: RegistrationStatus = (taken?.n ?? 0) < capacity ? "registered" : "waitlisted";
  const id = newId();
  try {
    await tx.query(
      `INSERT INTO registrations (id, occurrence_id, participant_key_hash, pseudonym, pseudonym_key, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, input.session.id, input.keyHash, input.pseudonym, pseudonymKey(input.pseudonym), status, now],
    );
  } catch (error) {
    // The occurrence lock makes a second registration of the same key see the first, so a
    // unique violation here is the pseudonym index (two people choosing one name).
    if (isUniqueViolation(error) && (error as { constraint?: string }).constraint !== "registrations_one_per_key") {
      throw new PseudonymTakenError(input.pseudonym);
    }
    throw error;
  }
  return { registration: (await findRegistration(tx, id))!, alreadyRegistered: false };
}

export async function findRegistration(db: Queryable, id: string): Promise<Registration | undefined> {
  const row = await one<RegistrationRow>(db, `${SELECT_REGISTRATION} WHERE r.id = $1`, [id]);
  return row && toRegistration(row);
}

/** The key's registration with this id; undefined for anyone else's. */
export async function findOwnRegistration(db: Queryable, keyHash: string, id: string): Promise<Registration | undefined> {
  const row = await one<RegistrationRow>(db, `${SELECT_REGISTRATION} WHERE r.id = $1 AND r.participant_key_hash = $2`, [id, keyHash]);
  return row && toRegistration(row);
}

/** The key's live registration for a session. */
export async function activeRegistrationFor(db: Queryable, keyHash: string, sessionId: string): Promise<Registration | undefined> {
  const row = await one<RegistrationRow>(
    db,
    `${SELECT_REGISTRATION} WHERE r.occurrence_id = $1 AND r.participant_key_hash = $2 AND r.status <> 'cancelled'`,
    [sessionId, keyHash],
  );
  return row && toRegistration(row);
}

export async function registrationsOf(db: Queryable, keyHash: string): Promise<Registration[]> {
  const rows = await db.query<RegistrationRow>(`${SELECT_REGISTRATION} WHERE r.participant_key_hash = $1 ORDER BY r.created_at, r.seq`, [keyHash]);
  return rows.map(toRegistration);
}

/**
 * Cancels the key's registration. When it held a place, the first on the waitlist takes it
 * (in the same transaction, under the occurrence lock). Returns the ids promoted.
 */
export async function cancelRegistration(
  tx: Queryable,
  keyHash: string,
  id: string,
  capacity: number,
): Promise<{ cancelled: Registration; promoted: string[] } | undefined> {
  const target = await one<{ occurrence_id: string }>(tx, "SELECT occurrence_id FROM registrations WHERE id = $1 AND participant_key_hash = $2", [id, keyHash]);
  if (!target) return undefined;
  await tx.query("SELECT id FROM session_occurrences WHERE id = $1 FOR UPDATE", [target.occurrence_id]);
  await tx.query("UPDATE registrations SET status = 'cancelled' WHERE id = $1", [id]);
  const promoted = await fillFromWaitlist(tx, target.occurrence_id, capacity);
  return { cancelled: (await findRegistration(tx, id))!, promoted };
}

/** Moves people from the waitlist, in the order they joined it, into free places. Call under the occurrence lock. */
export async function fillFromWaitlist(tx: Queryable, occurrenceId: string, capacity: number): Promise<string[]> {
  const taken = await one<{ n: number }>(tx, "SELECT count(*)::int AS n FROM registrations WHERE occurrence_id = $1 AND status = 'registered'", [occurrenceId]);
  const free = capacity - (taken?.n ?? 0);
  if (free <= 0) return [];
  const next = await tx.query<{ id: string }>(
    `SELECT id FROM registrations WHERE occurrence_id = $1 AND status = 'waitlisted' ORDER BY seq LIMIT $2`,
    [occurrenceId, free],
  );
  for (const { id } of next) await tx.query("UPDATE registrations SET status = 'registered' WHERE id = $1", [id]);
  await queuePromotionNotices(tx, next.map((r) => r.id));
  return next.map((r) => r.id);
}

export interface AttendanceCounts {
  registered: number;
  waitlisted: number;
  cancelled: number;
}

export async function attendanceCounts(db: Queryable, sessionIds: string[]): Promise<Map<string, AttendanceCounts>> {
  const counts = new Map<string, AttendanceCounts>();
  if (sessionIds.length === 0) return counts;
  const rows = await db.query<{ occurrence_id: string; status: RegistrationStatus; n: number }>(
    `SELECT occurrence_id, status, count(*)::int AS n FROM registrations
      WHERE occurrence_id = ANY($1::text[]) GROUP BY occurrence_id, status`,
    [sessionIds],
  );
  for (const r of rows) {
    const c = counts.get(r.occurrence_id) ?? { registered: 0, waitlisted: 0, cancelled: 0 };
    c[r.status] = r.n;
    counts.set(r.occurrence_id, c);
  }
  return counts;
}

/** Places of a session: its own capacity, else its circle's. */
export async function capacityOfOccurrence(db: Queryable, occurrenceId: string): Promise<number> {
  const row = await one<{ capacity: number }>(
    db,
    `SELECT COALESCE(o.capacity, c.capacity) AS capacity FROM session_occurrences o JOIN session_series s ON s.id = o.series_id JOIN circles c ON c.id = s.circle_id
      WHERE o.id = $1`,
    [occurrenceId],
  );
  return row?.capacity ?? 0;
}

/**
 * "Forget me": cancels the key's places first (so the waitlist moves up), then deletes every
 * registration and ban tied to the key. Nothing else in the store holds the key's hash.
 */
export async function forgetParticipant(tx: Queryable, keyHash: string): Promise<{ registrations: number; bans: number }> {
  const held = await tx.query<{ id: string; occurrence_id: string }>(
    "SELECT id, occurrence_id FROM registrations WHERE participant_key_hash = $1 AND status = 'registered' ORDER BY occurrence_id",
    [keyHash],
  );
  for (const r of held) {
    await tx.query("SELECT id FROM session_occurrences WHERE id = $1 FOR UPDATE", [r.occurrence_id]);
    await tx.query("UPDATE registrations SET status = 'cancelled' WHERE id = $1", [r.id]);
    await fillFromWaitlist(tx, r.occurrence_id, await capacityOfOccurrence(tx, r.occurrence_id));
  }
  const registrations = await tx.query("DELETE FROM registrations WHERE participant_key_hash = $1 RETURNING id", [keyHash]);
  const bans = await tx.query("DELETE FROM bans WHERE participant_key_hash = $1 RETURNING circle_id", [keyHash]);
  return { registrations: registrations.length, bans: bans.length };
}
