import type { Db } from "./db.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, one step per entry, applied in order at start and recorded in `schema_migrations`.
 * Never edit a released step: add the next one. Local dates and times of a series are text
 * ("2026-03-05", "19:00") because they are wall-clock values in the circle's zone, not instants.
 * No table holds what is said in a circle; the audit log records who did what to which id, never content.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "accounts, circles, schedule, registrations, bans, audit",
    sql: `
      CREATE TABLE accounts (
        id text PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('host', 'facilitator')),
        invited_by text REFERENCES accounts(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

      CREATE TABLE auth_sessions (
        token_hash text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX auth_sessions_account ON auth_sessions (account_id);

      CREATE TABLE facilitator_invitations (
        token_hash text PRIMARY KEY,
        host_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        circle_id text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by text REFERENCES accounts(id) ON DELETE SET NULL
      );

      CREATE TABLE circles (
        id text PRIMARY KEY,
        owner_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        topic_tags text[] NOT NULL DEFAULT '{}',
        language text NOT NULL,
        agreements text NOT NULL DEFAULT '',
        capacity integer NOT NULL CHECK (capacity BETWEEN 2 AND 16),
        visibility text NOT NULL CHECK (visibility IN ('public', 'invite')),
        invite_token text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX circles_owner ON circles (owner_id);

      CREATE TABLE circle_facilitators (
        circle_id text NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        PRIMARY KEY (circle_id, account_id)
      );

      CREATE TABLE session_series (
        id text PRIMARY KEY,
        circle_id text NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
        rrule text,
        time_zone text NOT NULL,
        start_date text NOT NULL,
        start_time text NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
        lobby_open_minutes integer NOT NULL CHECK (lobby_open_minutes BETWEEN 0 AND 120),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX session_series_circle ON session_series (circle_id);

      CREATE TABLE session_occurrences (
        id text PRIMARY KEY,
        series_id text NOT NULL REFERENCES session_series(id) ON DELETE CASCADE,
        original_start timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'skipped', 'cancelled')),
        moved_start timestamptz,
        updated_at timestamptz NOT NULL,
        UNIQUE (series_id, original_start)
      );

      CREATE TABLE registrations (
        id text PRIMARY KEY,
        occurrence_id text NOT NULL REFERENCES session_occurrences(id) ON DELETE CASCADE,
        participant_key_hash text NOT NULL,
        pseudonym text NOT NULL,
        pseudonym_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
        created_at timestamptz NOT NULL,
        seq bigserial NOT NULL
      );
      CREATE INDEX registrations_key ON registrations (participant_key_hash);
      CREATE UNIQUE INDEX registrations_one_per_key ON registrations (occurrence_id, participant_key_hash)
        WHERE status <> 'cancelled';
      CREATE UNIQUE INDEX registrations_unique_pseudonym ON registrations (occurrence_id, pseudonym_key)
        WHERE status <> 'cancelled';

      CREATE TABLE bans (
        circle_id text NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
        participant_key_hash text NOT NULL,
        banned_by text REFERENCES accounts(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (circle_id, participant_key_hash)
      );
      CREATE INDEX bans_key ON bans (participant_key_hash);

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id text,
        actor_kind text NOT NULL CHECK (actor_kind IN ('host', 'facilitator', 'participant', 'system')),
        action text NOT NULL,
        target text,
        circle_id text,
        occurrence_id text
      );
      CREATE INDEX audit_log_circle ON audit_log (circle_id, at);
    `,
  },
  {
    version: 2,
    name: "participant blocks",
    // A block ties two participant keys' hashes: they never see or hear each other again, in any
    // circle. No pseudonym, no reason, no session: only that the pair is apart, and since when.
    sql: `
      CREATE TABLE participant_blocks (
        blocker_key_hash text NOT NULL,
        blocked_key_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (blocker_key_hash, blocked_key_hash),
        CHECK (blocker_key_hash <> blocked_key_hash)
      );
      CREATE INDEX participant_blocks_blocked ON participant_blocks (blocked_key_hash);
    `,
  },
  {
    version: 3,
    name: "bans from configured open circles",
    // The always-open circles live in configuration, not in `circles`: their bans must still hold.
    sql: `
      ALTER TABLE bans DROP CONSTRAINT bans_circle_id_fkey;
    `,
  },
  {
    version: 4,
    name: "session locks",
    // A facilitator's lock outlives a server restart. session_id is '' for an always-open circle.
    sql: `
      CREATE TABLE session_locks (
        circle_id text NOT NULL,
        session_id text NOT NULL,
        locked_at timestamptz NOT NULL,
        PRIMARY KEY (circle_id, session_id)
      );
    `,
  },
  {
    version: 5,
    name: "calendar sequence, per-session capacity, public address, personal calendar feeds",
    // sequence: rises on every change of one occurrence (SEQUENCE = series revision + sequence, so
    // it never goes down). capacity: a session's own number of places, null for the circle's.
    // deployment_settings holds the public address taken at first-run setup when PUBLIC_URL is unset.
    // calendar_feeds: a personal feed's capability token, stored hashed, one per participant key.
    sql: `
      ALTER TABLE session_occurrences ADD COLUMN sequence integer NOT NULL DEFAULT 0;
      ALTER TABLE session_occurrences ADD COLUMN capacity integer CHECK (capacity BETWEEN 2 AND 16);
      ALTER TABLE session_series ADD COLUMN revision integer NOT NULL DEFAULT 0;
      CREATE TABLE deployment_settings (
        name text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE calendar_feeds (
        token_hash text PRIMARY KEY,
        participant_key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: "web push subscriptions, reminder preferences, notices queue",
    // Tied to a participant key's hash only. A notice row is queued in the same transaction as
    // what it tells of; (subscription, idempotency key) is unique so a notice is queued once.
    // Leases use the database's clock, so processes with skewed clocks still agree on them.
    sql: `
      CREATE TABLE push_subscriptions (
        id text PRIMARY KEY,
        participant_key_hash text NOT NULL,
        endpoint text NOT NULL,
        p256dh text NOT NULL,
        auth text NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (participant_key_hash, endpoint)
      );
      CREATE INDEX push_subscriptions_key ON push_subscriptions (participant_key_hash);

      CREATE TABLE push_preferences (
        participant_key_hash text PRIMARY KEY,
        reminder_minutes integer[] NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE push_notices (
        id bigserial PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
        idempotency_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'moved', 'cancelled', 'restored', 'promoted')),
        registration_id text NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        occurrence_id text NOT NULL,
        session_start timestamptz,
        minutes integer,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'obsolete')),
        not_before timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        sent_at timestamptz,
        last_status integer,
        UNIQUE (subscription_id, idempotency_key)
      );
      CREATE INDEX push_notices_queue ON push_notices (status, not_before);
      CREATE INDEX push_notices_registration ON push_notices (registration_id);

      CREATE TABLE server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: "referral directories",
    // A host's counselling hand-off: scope is 'circle:<id>' or 'host:<account id>'; entries as JSON
    // (shared/referrals.ts). Nothing about who looked at them.
    sql: `
      CREATE TABLE referral_directories (
        scope text PRIMARY KEY,
        entries jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: "session sanctions",
    // A facilitator's mute or removal holds for the rest of the session, by device key hash, across
    // rejoins, restarts and processes. session_key: the session id, or "open:<UTC day>" for an
    // always-open circle (server/rooms/sanctions.ts).
    sql: `
      CREATE TABLE session_sanctions (
        circle_id text NOT NULL,
        session_key text NOT NULL,
        participant_key_hash text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('muted', 'removed')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (circle_id, session_key, participant_key_hash, kind)
      );
    `,
  },
  {
    version: 9,
    name: "circle groups and guides, anonymous check-in counts",
    // for_group: a curated group the circle is for only (shared/topics.ts). guide: the circle's
    // facilitator guide (shared/guides.ts). checkin_counts holds counts per session and bucket,
    // never a row per person: bucket is 'mood-1'..'mood-5' or 'wants-check-in'. No foreign key:
    // the always-open circle is not a row (its session_key is "open:<UTC day>").
    sql: `
      ALTER TABLE circles ADD COLUMN for_group text;
      ALTER TABLE circles ADD COLUMN guide jsonb;
      CREATE TABLE checkin_counts (
        circle_id text NOT NULL,
        session_key text NOT NULL,
        session_start timestamptz NOT NULL,
        moment text NOT NULL CHECK (moment IN ('before', 'after')),
        bucket text NOT NULL CHECK (bucket IN ('mood-1', 'mood-2', 'mood-3', 'mood-4', 'mood-5', 'wants-check-in')),
        count integer NOT NULL CHECK (count >= 0),
        PRIMARY KEY (circle_id, session_key, moment, bucket)
      );
    `,
  },
];

/** Applies every migration not yet recorded, each in its own transaction. Returns the versions applied. */
export async function runMigrations(db: Db, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await db.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied = new Set(
    (await db.query<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => Number(r.version)),
  );
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      // Two processes starting together on one PostgreSQL: the second waits here, then skips.
      await tx.query("LOCK TABLE schema_migrations IN EXCLUSIVE MODE");
      const again = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [migration.version]);
      if (again.length) return;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      done.push(migration.version);
    });
  }
  return done;
}

/** Splits a migration into statements (extended-protocol queries take one at a time). No `;` inside literals. */
function splitStatements(sql: string): string[] {
  return sql
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}
