import { PUSH_SUBSCRIPTIONS_PER_KEY, REMINDER_DEFAULT_MINUTES, type PushPreferences, type PushSubscriptionView } from "../../shared/push.ts";
import { one, type Queryable } from "../store/db.ts";
import { newId } from "../store/ids.ts";

/** A stored push subscription: where to send and the browser's keys for encrypting to it. */
export interface StoredSubscription {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

interface SubscriptionRow extends StoredSubscription {
  created_at: Date;
  expires_at: Date | null;
}

const toView = (r: SubscriptionRow): PushSubscriptionView => ({
  id: r.id,
  pushService: new URL(r.endpoint).host,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
});

/** Stores (or refreshes the keys of) the key's subscription at this endpoint. */
export async function saveSubscription(
  db: Queryable,
  keyHash: string,
  input: { endpoint: string; p256dh: string; auth: string; expiresAt: Date | null },
  now: Date,
): Promise<{ subscription: PushSubscriptionView; created: boolean }> {
  const id = newId();
  const rows = await db.query<SubscriptionRow & { inserted: boolean }>(
    `INSERT INTO push_subscriptions (id, participant_key_hash, endpoint, p256dh, auth, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (participant_key_hash, endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, expires_at = EXCLUDED.expires_at
     RETURNING id, endpoint, p256dh, auth, created_at, expires_at, (id = $1) AS inserted`,
    [id, keyHash, input.endpoint, input.p256dh, input.auth, input.expiresAt, now],
  );
  const row = rows[0]!;
  if (row.inserted) {
    // One key cannot fan a notice out to endless endpoints: past the limit the oldest goes.
    await db.query(
      `DELETE FROM push_subscriptions WHERE participant_key_hash = $1 AND id <> $2 AND id NOT IN (
         SELECT id FROM push_subscriptions WHERE participant_key_hash = $1 AND id <> $2 ORDER BY created_at DESC, id DESC LIMIT $3)`,
      [keyHash, row.id, PUSH_SUBSCRIPTIONS_PER_KEY - 1],
    );
  }
  return { subscription: toView(row), created: row.inserted };
}

export async function subscriptionsOf(db: Queryable, keyHash: string): Promise<PushSubscriptionView[]> {
  const rows = await db.query<SubscriptionRow>(
    "SELECT id, endpoint, p256dh, auth, created_at, expires_at FROM push_subscriptions WHERE participant_key_hash = $1 ORDER BY created_at, id",
    [keyHash],
  );
  return rows.map(toView);
}

export async function findSubscription(db: Queryable, id: string): Promise<StoredSubscription | undefined> {
  return one<StoredSubscription>(db, "SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1", [id]);
}

/** Deletes one of the key's subscriptions (and its queued notices). False when it is not the key's. */
export async function deleteSubscription(db: Queryable, keyHash: string, id: string): Promise<boolean> {
  const rows = await db.query("DELETE FROM push_subscriptions WHERE id = $1 AND participant_key_hash = $2 RETURNING id", [id, keyHash]);
  return rows.length > 0;
}

export async function deleteSubscriptionAt(db: Queryable, keyHash: string, endpoint: string): Promise<boolean> {
  const rows = await db.query("DELETE FROM push_subscriptions WHERE endpoint = $1 AND participant_key_hash = $2 RETURNING id", [endpoint, keyHash]);
  return rows.length > 0;
}

/** The push service said the subscription is gone (404/410): it and its notices go. */
export async function dropSubscription(db: Queryable, id: string): Promise<void> {
  await db.query("DELETE FROM push_subscriptions WHERE id = $1", [id]);
}

export async function preferencesOf(db: Queryable, keyHash: string): Promise<PushPreferences> {
  const row = await one<{ reminder_minutes: number[] }>(db, "SELECT reminder_minutes FROM push_preferences WHERE participant_key_hash = $1", [keyHash]);
  return { reminderMinutes: row ? row.reminder_minutes.map(Number) : [...REMINDER_DEFAULT_MINUTES] };
}

export async function savePreferences(db: Queryable, keyHash: string, preferences: PushPreferences, now: Date): Promise<PushPreferences> {
  const minutes = [...preferences.reminderMinutes].sort((a, b) => b - a);
  await db.query(
    `INSERT INTO push_preferences (participant_key_hash, reminder_minutes, updated_at) VALUES ($1, $2::int[], $3)
     ON CONFLICT (participant_key_hash) DO UPDATE SET reminder_minutes = EXCLUDED.reminder_minutes, updated_at = EXCLUDED.updated_at`,
    [keyHash, minutes, now],
  );
  return { reminderMinutes: minutes };
}

/** "Forget me": every subscription (with its queued notices) and the preferences of the key. */
export async function forgetPush(db: Queryable, keyHash: string): Promise<{ subscriptions: number }> {
  const rows = await db.query("DELETE FROM push_subscriptions WHERE participant_key_hash = $1 RETURNING id", [keyHash]);
  await db.query("DELETE FROM push_preferences WHERE participant_key_hash = $1", [keyHash]);
  return { subscriptions: rows.length };
}
