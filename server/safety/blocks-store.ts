import type { Queryable } from "../store/db.ts";

/**
 * Blocks between participant keys (table participant_blocks, migration 2): a pair, by the SHA-256
 * hashes of the two keys, kept apart in every later session of any circle. No pseudonym, reason
 * or session is stored.
 */
export interface BlockStore {
  block(blockerKeyHash: string, blockedKeyHash: string, now: Date): Promise<void>;
  unblock(blockerKeyHash: string, blockedKeyHash: string): Promise<void>;
  /** Every block this key is part of, as blocker or as blocked. */
  blocksInvolving(keyHash: string): Promise<{ blocker: string; blocked: string }[]>;
}

export function blockStore(db: Queryable): BlockStore {
  return {
    async block(blocker, blocked, now) {
      if (blocker === blocked) return;
      await db.query(
        `INSERT INTO participant_blocks (blocker_key_hash, blocked_key_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (blocker_key_hash, blocked_key_hash) DO NOTHING`,
        [blocker, blocked, now],
      );
    },
    async unblock(blocker, blocked) {
      await db.query("DELETE FROM participant_blocks WHERE blocker_key_hash = $1 AND blocked_key_hash = $2", [blocker, blocked]);
    },
    async blocksInvolving(keyHash) {
      const rows = await db.query<{ blocker_key_hash: string; blocked_key_hash: string }>(
        "SELECT blocker_key_hash, blocked_key_hash FROM participant_blocks WHERE blocker_key_hash = $1 OR blocked_key_hash = $1",
        [keyHash],
      );
      return rows.map((r) => ({ blocker: r.blocker_key_hash, blocked: r.blocked_key_hash }));
    },
  };
}

/** For "export my data": the blocks this key made (the other side's key hash and when). */
export async function blocksMadeBy(db: Queryable, keyHash: string): Promise<{ blockedKeyHash: string; createdAt: string }[]> {
  const rows = await db.query<{ blocked_key_hash: string; created_at: Date }>(
    "SELECT blocked_key_hash, created_at FROM participant_blocks WHERE blocker_key_hash = $1 ORDER BY created_at",
    [keyHash],
  );
  return rows.map((r) => ({ blockedKeyHash: r.blocked_key_hash, createdAt: r.created_at.toISOString() }));
}

/** For "forget me": every block the key is part of, either side. Returns how many went. */
export async function forgetBlocks(db: Queryable, keyHash: string): Promise<number> {
  const rows = await db.query(
    "DELETE FROM participant_blocks WHERE blocker_key_hash = $1 OR blocked_key_hash = $1 RETURNING blocker_key_hash",
    [keyHash],
  );
  return rows.length;
}
