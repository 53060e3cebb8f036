import { type AuditEntry, recordAudit } from "../audit/audit-log.ts";
import type { Clock } from "../clock.ts";
import { one, type Queryable } from "../store/db.ts";
import { banParticipant } from "./bans.ts";

/** What a live circle writes down for good: bans, locks and the facilitators' audit trail. */
export interface RoomRecords {
  ban(circleId: string, participantKeyHash: string, bannedBy: string | null): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  /** Remembers whether a session is locked ('' as sessionId for an always-open circle). */
  setLocked(circleId: string, sessionId: string, locked: boolean): Promise<void>;
  isLocked(circleId: string, sessionId: string): Promise<boolean>;
  /** Sets or lifts a sanction that holds for the rest of a session (server/rooms/sanctions.ts). */
  setSanction(circleId: string, sessionKey: string, keyHash: string, kind: SanctionKind, on: boolean): Promise<void>;
  sanctionsOf(circleId: string, sessionKey: string, keyHash: string): Promise<SanctionKind[]>;
}

/** Muted by a facilitator (not allowed to speak), or removed from the session. */
export type SanctionKind = "muted" | "removed";

export function storeRecords(db: Queryable, clock: Clock): RoomRecords {
  return {
    ban: (circleId, keyHash, bannedBy) => banParticipant(db, circleId, keyHash, bannedBy, clock.now()),
    audit: (entry) => recordAudit(db, clock.now(), entry),
    async setLocked(circleId, sessionId, locked) {
      if (locked) {
        await db.query(
          `INSERT INTO session_locks (circle_id, session_id, locked_at) VALUES ($1, $2, $3)
           ON CONFLICT (circle_id, session_id) DO NOTHING`,
          [circleId, sessionId, clock.now()],
        );
      } else {
        await db.query("DELETE FROM session_locks WHERE circle_id = $1 AND session_id = $2", [circleId, sessionId]);
      }
    },
    async setSanction(circleId, sessionKey, keyHash, kind, on) {
      if (on) {
        await db.query(
          `INSERT INTO session_sanctions (circle_id, session_key, participant_key_hash, kind, created_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [circleId, sessionKey, keyHash, kind, clock.now()],
        );
      } else {
        await db.query(
          "DELETE FROM session_sanctions WHERE circle_id = $1 AND session_key = $2 AND participant_key_hash = $3 AND kind = $4",
          [circleId, sessionKey, keyHash, kind],
        );
      }
    },
    async sanctionsOf(circleId, sessionKey, keyHash) {
      const rows = await db.query<{ kind: SanctionKind }>(
        "SELECT kind FROM session_sanctions WHERE circle_id = $1 AND session_key = $2 AND participant_key_hash = $3",
        [circleId, sessionKey, keyHash],
      );
      return rows.map((row) => row.kind);
    },
    isLocked: async (circleId, sessionId) =>
      Boolean(await one(db, "SELECT 1 FROM session_locks WHERE circle_id = $1 AND session_id = $2", [circleId, sessionId])),
  };
}
