import { type AuditEntry, recordAudit } from "../audit/audit-log.ts";
import type { Clock } from "../clock.ts";
import type { Queryable } from "../store/db.ts";
import { banParticipant } from "./bans.ts";

/** What a live circle writes down for good: bans and the facilitators' audit trail. */
export interface RoomRecords {
  ban(circleId: string, participantKeyHash: string, bannedBy: string | null): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

export function storeRecords(db: Queryable, clock: Clock): RoomRecords {
  return {
    ban: (circleId, keyHash, bannedBy) => banParticipant(db, circleId, keyHash, bannedBy, clock.now()),
    audit: (entry) => recordAudit(db, clock.now(), entry),
  };
}
