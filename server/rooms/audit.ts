import type { ActorKind } from "../audit/audit-log.ts";
import { log } from "../log.ts";
import type { RoomRecords } from "../safety/room-records.ts";
import type { Identity } from "./seating.ts";
import type { Participant } from "./state.ts";

export interface RoomAuditHost {
  readonly roomId: string;
  circleId(): string;
  /** The scheduled session; "" for the always-open circle. */
  sessionId(): string;
  identity(participantId: string): Identity | undefined;
  records(): RoomRecords | undefined;
}

/** Who did what to whom in this circle (ids only), in the log and the durable audit log. */
export class RoomAudit {
  constructor(private readonly host: RoomAuditHost) {}

  record(actor: Participant, action: string, target: string | null): void {
    const identity = this.host.identity(actor.id);
    const kind: ActorKind = actor.role === "facilitator" ? "facilitator" : "participant";
    const roomId = this.host.roomId;
    log.info({ roomId, actorId: actor.id, action, target }, "facilitation");
    this.host
      .records()
      ?.audit({
        actorId: identity?.accountId ?? null,
        actorKind: kind,
        action: `${action}${identity?.accountId ? "" : ` (participant ${actor.id})`}`,
        target,
        circleId: this.host.circleId(),
        occurrenceId: this.host.sessionId() || null,
      })
      .catch((error: unknown) => log.error({ roomId, err: String(error) }, "could not write the audit log"));
  }
}
