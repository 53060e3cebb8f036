/**
 * A participant's private calendar feed: a capability URL of their own registrations. The token
 * is 32 random bytes (base64url), stored only as its SHA-256 and tied to the participant key's
 * hash; one feed per key. Making a new one revokes the old; "forget me" deletes it.
 */
import { one, type Queryable } from "../store/db.ts";
import { newSecret, sha256 } from "../store/ids.ts";

/** 32 bytes in base64url. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new token for the key, replacing any earlier one (which stops answering at once). */
export async function createCalendarFeed(tx: Queryable, keyHash: string, now: Date): Promise<string> {
  const token = newSecret();
  await tx.query("DELETE FROM calendar_feeds WHERE participant_key_hash = $1", [keyHash]);
  await tx.query("INSERT INTO calendar_feeds (token_hash, participant_key_hash, created_at) VALUES ($1, $2, $3)", [sha256(token), keyHash, now]);
  return token;
}

export async function calendarFeedOf(db: Queryable, keyHash: string): Promise<{ createdAt: Date } | undefined> {
  const row = await one<{ created_at: Date }>(db, "SELECT created_at FROM calendar_feeds WHERE participant_key_hash = $1", [keyHash]);
  return row && { createdAt: row.created_at };
}

/** Revokes the key's feed; true when there was one. */
export async function revokeCalendarFeed(db: Queryable, keyHash: string): Promise<boolean> {
  return (await db.query("DELETE FROM calendar_feeds WHERE participant_key_hash = $1 RETURNING token_hash", [keyHash])).length > 0;
}

/** The key hash a feed token belongs to, or undefined (malformed, unknown or revoked). */
export async function keyHashOfFeed(db: Queryable, token: string): Promise<string | undefined> {
  if (!FEED_TOKEN_PATTERN.test(token)) return undefined;
  const row = await one<{ participant_key_hash: string }>(db, "SELECT participant_key_hash FROM calendar_feeds WHERE token_hash = $1", [sha256(token)]);
  return row?.participant_key_hash;
}
