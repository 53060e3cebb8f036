import { one, type Queryable } from "../store/db.ts";
import { newSecret, sha256 } from "../store/ids.ts";

export const INVITATION_DAYS = 7;

export interface Invitation {
  hostId: string;
  hostName: string;
  circleId: string | null;
  expiresAt: Date;
}

/** A single-use facilitator invitation. Returns the raw token for the link; the store keeps its hash. */
export async function createInvitation(
  db: Queryable,
  hostId: string,
  circleId: string | null,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  await db.query(
    "INSERT INTO facilitator_invitations (token_hash, host_id, circle_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    [sha256(token), hostId, circleId, now, expiresAt],
  );
  return { token, expiresAt };
}

export type InvitationLookup = { ok: true; invitation: Invitation } | { ok: false; reason: "unknown" | "used" | "expired" };

export async function findInvitation(db: Queryable, token: string, now: Date, lock = false): Promise<InvitationLookup> {
  const row = await one<{ host_id: string; display_name: string; circle_id: string | null; expires_at: Date; used_at: Date | null }>(
    db,
    `SELECT i.host_id, a.display_name, i.circle_id, i.expires_at, i.used_at
       FROM facilitator_invitations i JOIN accounts a ON a.id = i.host_id
      WHERE i.token_hash = $1 ${lock ? "FOR UPDATE OF i" : ""}`,
    [sha256(token)],
  );
  if (!row) return { ok: false, reason: "unknown" };
  if (row.used_at) return { ok: false, reason: "used" };
  if (row.expires_at <= now) return { ok: false, reason: "expired" };
  return {
    ok: true,
    invitation: { hostId: row.host_id, hostName: row.display_name, circleId: row.circle_id, expiresAt: row.expires_at },
  };
}

export async function markInvitationUsed(db: Queryable, token: string, accountId: string, now: Date): Promise<void> {
  await db.query("UPDATE facilitator_invitations SET used_at = $2, used_by = $3 WHERE token_hash = $1", [sha256(token), now, accountId]);
}
