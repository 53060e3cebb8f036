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
}

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
    isLocked: async (circleId, sessionId) =>
      Boolean(await one(db, "SELECT 1 FROM session_locks WHERE circle_id = $1 AND session_id = $2", [circleId, sessionId])),
  };
}
