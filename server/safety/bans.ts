import { createHash } from "node:crypto";
import { one, type Queryable } from "../store/db.ts";

/** Bans tie a circle to a participant key's hash: the banned key cannot register or join that circle again. */
export async function banParticipant(db: Queryable, circleId: string, keyHash: string, bannedBy: string | null, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO bans (circle_id, participant_key_hash, banned_by, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (circle_id, participant_key_hash) DO NOTHING`,
    [circleId, keyHash, bannedBy, now],
  );
}

export async function liftBan(db: Queryable, circleId: string, keyHash: string): Promise<void> {
  await db.query("DELETE FROM bans WHERE circle_id = $1 AND participant_key_hash = $2", [circleId, keyHash]);
}

/**
 * A ban's public id: derived from the circle and the key hash, so a host can name a ban without
 * ever seeing the key hash, nor tie one person's bans in two circles together.
 */
export const banId = (circleId: string, keyHash: string): string =>
  createHash("sha256").update(`ban\u0000${circleId}\u0000${keyHash}`).digest("base64url").slice(0, 22);

export interface CircleBan {
  id: string;
  keyHash: string;
  bannedAt: Date;
  bannedBy: string | null;
}

/** A circle's bans, oldest first, with the display name of whoever banned. */
export async function bansInCircle(db: Queryable, circleId: string): Promise<CircleBan[]> {
  const rows = await db.query<{ participant_key_hash: string; created_at: Date; display_name: string | null }>(
    `SELECT b.participant_key_hash, b.created_at, a.display_name FROM bans b LEFT JOIN accounts a ON a.id = b.banned_by
     WHERE b.circle_id = $1 ORDER BY b.created_at`,
    [circleId],
  );
  return rows.map((r) => ({ id: banId(circleId, r.participant_key_hash), keyHash: r.participant_key_hash, bannedAt: r.created_at, bannedBy: r.display_name }));
}

export async function isBanned(db: Queryable, circleId: string, keyHash: string): Promise<boolean> {
  return Boolean(await one(db, "SELECT 1 FROM bans WHERE circle_id = $1 AND participant_key_hash = $2", [circleId, keyHash]));
}

export async function bansOf(db: Queryable, keyHash: string): Promise<{ circleId: string; createdAt: string }[]> {
  const rows = await db.query<{ circle_id: string; created_at: Date }>(
    "SELECT circle_id, created_at FROM bans WHERE participant_key_hash = $1 ORDER BY created_at",
    [keyHash],
  );
  return rows.map((r) => ({ circleId: r.circle_id, createdAt: r.created_at.toISOString() }));
}
