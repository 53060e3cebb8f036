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
