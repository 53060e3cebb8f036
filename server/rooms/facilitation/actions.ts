import { breakoutSpace, type FacilitatorAction, type FacilitatorActionName, isBreakout, Spaces } from "../../../shared/facilitation.ts";
import { notice } from "../../../shared/notices.ts";
import type { NoticeMessage, Phase } from "../../../shared/protocol.ts";
import type { Participant } from "../state.ts";

/** What facilitator actions may do to a room. The CircleRoom provides it; actions hold no state. */
export interface FacilitationContext {
  readonly capacity: number;
  participant(id: string): Participant | undefined;
  participants(): Participant[];
  notify(id: string, notice: NoticeMessage): void;
  /** Recomputes who may speak (mutes, rounds, spaces) and applies it at LiveKit. */
  syncMicrophones(): void;
  /** Moves someone to another space, with a seat there (null when that circle is full). */
  moveToSpace(id: string, space: string): boolean;
  moveSeat(id: string, seat: number): void;
  /** Opens a private 1:1 conversation between the facilitator and another person; the reason it cannot, or null. */
  startPrivateTalk(facilitatorId: string, otherId: string): string | null;
  lowerHand(id: string): void;
  /** Ends one person's connection on purpose (no seat held). */
  dismiss(id: string, why: "removed" | "banned"): void;
  /** Persists a ban of the person's device key from this circle; false when they have no key. */
  ban(id: string): Promise<boolean>;
  setPhase(phase: Phase): void;
  setLocked(locked: boolean): void;
  /** False when nobody present can hold the piece (then no round starts). */
  startRound(afterSeat: number, shareSeconds: number | null): boolean;
  passPiece(why: "passed" | "advanced" | "skipped"): void;
  endRound(): void;
  endSession(): void;
  /** False when the circle's guide has no such step. */
  goToGuideStep(step: number): boolean;
}

export type ActionResult = { ok: true } | { ok: false; message: string };
const ok: ActionResult = { ok: true };
const refuse = (message: string): ActionResult => ({ ok: false, message });

type ActionOf<K extends FacilitatorActionName> = Extract<FacilitatorAction, { action: K }>;
type ActionHandler<K extends FacilitatorActionName> = (
  room: FacilitationContext,
  actor: Participant,
  action: ActionOf<K>,
) => ActionResult | Promise<ActionResult>;

/** A participant other than the actor, or the reason why not. */
function otherParticipant(room: FacilitationContext, actor: Participant, id: string): Participant | string {
  const target = room.participant(id);
  if (!target) return "That person is no longer in the circle.";
  if (target.id === actor.id) return "You can't do that to yourself.";
  return target;
}

/** An action on another participant (given by `action.target`), refused when they are gone. */
function onParticipant<K extends FacilitatorActionName>(
  fn: (room: FacilitationContext, target: Participant, action: ActionOf<K>) => ActionResult | Promise<ActionResult>,
  { notFacilitator = false } = {},
): ActionHandler<K> {
  return (room, actor, action) => {
    const target = otherParticipant(room, actor, (action as { target: string }).target);
    if (typeof target === "string") return refuse(target);
    if (notFacilitator && target.role === "facilitator") return refuse("That can't be done to a facilitator.");
    return fn(room, target, action);
  };
}

const seatedSpace = (p: Participant) => p.space === Spaces.Main || isBreakout(p.space);

export const facilitatorActions: { [K in FacilitatorActionName]: ActionHandler<K> } = {
  mute: onParticipant((room, target) => {
    target.mutedByFacilitator = true;
    room.syncMicrophones();
    return ok;
  }, { notFacilitator: true }),

  muteAll: (room) => {
    for (const p of room.participants()) if (p.role !== "facilitator") p.mutedByFacilitator = true;
    room.syncMicrophones();
    return ok;
  },

  allowToSpeak: onParticipant((room, target) => {
    if (!target.mutedByFacilitator) return refuse("They are free to speak already.");
    target.mutedByFacilitator = false;
    room.syncMicrophones();
    return ok;
  }),

  askToUnmute: onParticipant((room, target) => {
    room.notify(target.id, notice("asked-to-unmute"));
    return ok;
  }),

  lowerHand: onParticipant((room, target) => {
    if (!target.handRaised) return refuse("Their hand is not raised.");
    room.lowerHand(target.id);
    room.notify(target.id, notice("hand-lowered"));
    return ok;
  }),

  inviteToSpeak: onParticipant((room, target) => {
    room.lowerHand(target.id);
    target.mutedByFacilitator = false;
    room.syncMicrophones();
    room.notify(target.id, notice("invited-to-speak"));
    return ok;
  }),

  moveSeat: (room, actor, { target: id, seat }) => {
    const target = room.participant(id);
    if (!target) return refuse("That person is no longer in the circle.");
    if (target.space === Spaces.Waiting) return refuse("They are in the waiting room: admit them first.");
    if (!seatedSpace(target)) return refuse("They are in a private conversation just now.");
    if (seat >= room.capacity) return refuse(`This circle has ${room.capacity} seats.`);
    if (target.seat === seat) return refuse("They are already in that seat.");
    room.moveSeat(target.id, seat);
    if (target.id !== actor.id) room.notify(target.id, notice("moved-seat", seat));
    return ok;
  },

  sendToWaitingRoom: onParticipant((room, target) => {
    if (target.space === Spaces.Waiting) return refuse("They are in the waiting room already.");
    room.moveToSpace(target.id, Spaces.Waiting);
    room.notify(target.id, notice("sent-to-waiting-room"));
    return ok;
  }, { notFacilitator: true }),

  admit: (room, _actor, { target: id }) => {
    const target = room.participant(id);
    if (!target || target.space !== Spaces.Waiting) return refuse("That person is not in the waiting room.");
    if (!room.moveToSpace(id, Spaces.Main)) return refuse("The circle is full: there is no free seat.");
    room.notify(id, notice("admitted"));
    return ok;
  },

  admitAll: (room) => {
    const waiting = room.participants().filter((p) => p.space === Spaces.Waiting);
    for (const p of waiting) {
      if (!room.moveToSpace(p.id, Spaces.Main)) return refuse("The circle is full: not everyone could be admitted.");
      room.notify(p.id, notice("admitted"));
    }
    return ok;
  },

  sendToBreakout: onParticipant<"sendToBreakout">((room, target, { breakout }) => {
    const space = breakoutSpace(breakout);
    if (target.space === space) return refuse("They are in that breakout circle already.");
    if (!room.moveToSpace(target.id, space)) return refuse("That breakout circle is full.");
    room.notify(target.id, notice("sent-to-breakout", breakout));
    return ok;
  }, { notFacilitator: true }),

  bringBack: onParticipant((room, target) => {
    if (!isBreakout(target.space)) return refuse("They are not in a breakout circle.");
    if (!room.moveToSpace(target.id, Spaces.Main)) return refuse("The main circle is full: there is no free seat.");
    room.notify(target.id, notice("brought-back"));
    return ok;
  }),

  talkPrivately: (room, actor, { target: id }) => {
    const target = otherParticipant(room, actor, id);
    if (typeof target === "string") return refuse(target);
    const refusal = room.startPrivateTalk(actor.id, target.id);
    return refusal ? refuse(refusal) : ok;
  },

  remove: onParticipant((room, target) => {
    room.dismiss(target.id, "removed");
    return ok;
  }, { notFacilitator: true }),

  ban: onParticipant(async (room, target) => {
    const persisted = await room.ban(target.id);
    if (!persisted) return refuse("They joined without a device key, so a lasting ban is not possible; remove them instead.");
    room.dismiss(target.id, "banned");
    return ok;
  }, { notFacilitator: true }),

  lock: (room) => {
    room.setLocked(true);
    return ok;
  },

  unlock: (room) => {
    room.setLocked(false);
    return ok;
  },

  endSession: (room) => {
    room.endSession();
    return ok;
  },

  setPhase: (room, _actor, { phase }) => {
    if (phase === "ended") room.endSession();
    else room.setPhase(phase);
    return ok;
  },

  startRound: (room, actor, { shareSeconds }) => {
    if (!room.startRound(actor.seat, shareSeconds)) return refuse("There is nobody in the circle to pass the piece to right now.");
    return ok;
  },

  advanceRound: (room) => {
    room.passPiece("advanced");
    return ok;
  },

  skipHolder: (room) => {
    room.passPiece("skipped");
    return ok;
  },

  endRound: (room) => {
    room.endRound();
    return ok;
  },

  guideStep: (room, _actor, { step }) => {
    if (!room.goToGuideStep(step)) return refuse("This circle's guide has no such step.");
    return ok;
  },
};

/** Runs the handler for `action` (one typed lookup instead of a switch). */
export function runFacilitatorAction(
  room: FacilitationContext,
  actor: Participant,
  action: FacilitatorAction,
): ActionResult | Promise<ActionResult> {
  const handler = facilitatorActions[action.action] as ActionHandler<FacilitatorActionName>;
  return handler(room, actor, action as ActionOf<FacilitatorActionName>);
}
