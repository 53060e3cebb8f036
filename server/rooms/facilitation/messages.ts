import { isPrivateTalk, Spaces } from "../../../shared/facilitation.ts";
import { ClientMessage } from "../../../shared/protocol.ts";
import { log } from "../../log.ts";
import type { RoomAudit } from "../audit.ts";
import type { MessageHandlers, Refuse } from "../message-gate.ts";
import type { CircleState } from "../state.ts";
import { runFacilitatorAction } from "./actions.ts";
import type { CircleFlow } from "./flow.ts";
import { mayFacilitate } from "./speaking.ts";

export interface FacilitationMessagesDeps {
  readonly roomId: string;
  readonly flow: CircleFlow;
  readonly audit: RoomAudit;
  readonly refuse: Refuse;
  /** Read only: whether a round is on and who holds the piece. */
  readonly state: Pick<CircleState, "roundActive" | "roundHolder">;
}

/** The messages of the guided flow: facilitator actions, raised hands, stepping away, passing the piece, ending a private talk. */
export function facilitationMessages({ roomId, flow, audit, refuse, state }: FacilitationMessagesDeps): MessageHandlers {
  return {
    [ClientMessage.Facilitate]: (client, action, actor) => {
      const target = "target" in action ? action.target : null;
      if (!mayFacilitate(actor.role)) {
        audit.record(actor, `refused:${action.action}`, target);
        return refuse(client, ClientMessage.Facilitate, "not_allowed", "Only the circle's facilitators can do that.");
      }
      void Promise.resolve(runFacilitatorAction(flow, actor, action)).then(
        (result) => {
          if (result.ok) return audit.record(actor, action.action, target);
          audit.record(actor, `refused:${action.action}`, target);
          refuse(client, ClientMessage.Facilitate, "not_allowed", result.message);
        },
        (error: unknown) => {
          log.error({ roomId, action: action.action, err: String(error) }, "facilitator action failed");
          refuse(client, ClientMessage.Facilitate, "not_allowed", "That did not work; please try again.");
        },
      );
    },
    [ClientMessage.RaiseHand]: (client, { raised }, p) => {
      if (raised && p.space === Spaces.Waiting) {
        return refuse(client, ClientMessage.RaiseHand, "not_allowed", "You can raise your hand once you're in the circle.");
      }
      flow.raiseHand(p.id, raised);
    },
    [ClientMessage.Away]: (_client, { away }, p) => {
      p.away = away;
      // Stepping out with the talking piece hands it on: nobody waits on an empty seat.
      if (away && state.roundHolder === p.id) flow.passPiece("skipped");
    },
    [ClientMessage.LeavePrivateTalk]: (client, _payload, p) => {
      if (!isPrivateTalk(p.space)) return refuse(client, ClientMessage.LeavePrivateTalk, "not_allowed", "You are not in a private conversation.");
      flow.endPrivateTalk(p.space);
    },
    [ClientMessage.PassPiece]: (client, _payload, p) => {
      if (!state.roundActive || state.roundHolder !== p.id) {
        return refuse(client, ClientMessage.PassPiece, "not_allowed", "Only the person holding the talking piece can pass it on.");
      }
      flow.passPiece("passed");
    },
  };
}
