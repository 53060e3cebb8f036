import { isBreakout, Spaces } from "../../../shared/facilitation.ts";
import { NoticeKind, type NoticeMessage, type Phase } from "../../../shared/protocol.ts";
import { pickSeat } from "../../../shared/seats.ts";
import { NO_SEAT, type CircleState, type Participant } from "../state.ts";
import type { FacilitationContext } from "./actions.ts";
import { mayPublish } from "./speaking.ts";
import { holder, isOver, passPiece, type Round, startRound } from "./talking-piece.ts";

/** What the flow needs from its room: messaging, voice and connections. */
export interface FlowHost {
  readonly state: CircleState;
  notify(id: string, notice: NoticeMessage): void;
  /** A fresh voice ticket for the person's current space (their client reconnects voice). */
  sendVoiceTicket(id: string): void;
  /** Takes the person out of the voice room of `space`. */
  leaveVoice(id: string, space: string): void;
  /** Resets the person's pose to their (new) seat, or to none in the waiting room. */
  placePose(p: Participant): void;
  /** Applies the person's micAllowed at LiveKit. */
  enforceMic(id: string): Promise<void>;
  dismiss(id: string, why: "removed" | "banned"): void;
  banKey(id: string): Promise<boolean>;
  endSession(): void;
  /** Writes the lock down so it survives a restart. */
  persistLock(locked: boolean): void;
  now(): number;
  setTimeout(fn: () => void, ms: number): { clear(): void };
}

const MUTED: NoticeMessage = { kind: NoticeKind.MutedByFacilitator, message: "The facilitator has muted you for now." };
const ALLOWED: NoticeMessage = {
  kind: NoticeKind.AllowedToSpeak,
  message: "You can speak again whenever you're ready. Unmute yourself when you want to.",
};
const ROUND_WAIT: NoticeMessage = {
  kind: "round-waiting",
  message: "A talking-piece round is on: you can speak when the piece reaches you.",
};
const HOLDING: NoticeMessage = {
  kind: "holding-piece",
  message: "The talking piece is with you. Share what you wish, or pass it on. Unmute when you're ready.",
};
const HOLDING_WHILE_MUTED: NoticeMessage = {
  kind: "holding-piece",
  message: "The talking piece is with you. You're muted for now: the facilitator can let you speak, or pass it on.",
};
const SHARE_TIME_UP: NoticeMessage = {
  kind: "share-time-up",
  message: "Your time is gently up. Finish your thought when you're ready, then pass the piece on.",
};

/**
 * The guided flow of one circle: spaces and seats, who may speak, the talking-piece round,
 * raised hands, phase and lock. Facilitator actions drive it through FacilitationContext.
 */
export class CircleFlow implements FacilitationContext {
  private round: Round | null = null;
  private shareTimer: { clear(): void } | null = null;

  constructor(private readonly host: FlowHost) {}

  get capacity(): number {
    return this.host.state.capacity;
  }

  participant(id: string): Participant | undefined {
    return this.host.state.participants.get(id);
  }

  participants(): Participant[] {
    return [...this.host.state.participants.values()];
  }

  notify(id: string, kind: string, message: string): void {
    this.host.notify(id, { kind, message });
  }

  /** The seat for a newcomer in `space`, or null when that circle is full. */
  freeSeat(space: string): number | null {
    const taken = this.participants().filter((p) => p.space === space).map((p) => p.seat);
    return pickSeat(taken, this.capacity);
  }

  /** Where a newcomer goes: the waiting room while locked or before the start (facilitators always enter). */
  arrivalSpace(role: string, beforeStart: boolean): string {
    if (role === "facilitator") return Spaces.Main;
    return this.host.state.locked || beforeStart ? Spaces.Waiting : Spaces.Main;
  }

  /** Lets everyone waiting in, as far as there are seats. */
  admitAllWaiting(): void {
    for (const p of this.participants()) {
      if (p.space === Spaces.Waiting && this.moveToSpace(p.id, Spaces.Main)) {
        this.notify(p.id, "admitted", "Welcome in. Take a seat by the fire.");
      }
    }
  }

  syncMicrophones(): Promise<void> {
    const { roundActive, roundHolder } = this.host.state;
    const updates: Promise<void>[] = [];
    for (const p of this.participants()) {
      const allowed = mayPublish(
        p.id,
        { role: p.role, mutedByFacilitator: p.mutedByFacilitator, inVoiceSpace: p.space !== Spaces.Waiting },
        // The round is the main circle's: people in a breakout talk among themselves meanwhile.
        { roundActive: roundActive && p.space === Spaces.Main, roundHolder },
      );
      if (allowed === p.micAllowed) continue;
      p.micAllowed = allowed;
      if (!allowed) p.muted = true;
      const notice = this.permissionNotice(p, allowed);
      if (notice && p.space !== Spaces.Waiting) this.host.notify(p.id, notice);
      updates.push(this.host.enforceMic(p.id));
    }
    return Promise.all(updates).then(() => undefined);
  }

  moveToSpace(id: string, space: string): boolean {
    const p = this.participant(id);
    if (!p) return false;
    const seat = space === Spaces.Waiting ? NO_SEAT : this.freeSeat(space);
    if (seat === null) return false;
    const from = p.space;
    p.space = space;
    this.placeAt(p, seat);
    if (from === Spaces.Waiting || space === Spaces.Waiting || isBreakout(from) || isBreakout(space)) {
      if (from !== Spaces.Waiting) this.host.leaveVoice(id, from);
      if (space !== Spaces.Waiting) this.host.sendVoiceTicket(id);
    }
    if (space === Spaces.Waiting) this.lowerHand(id);
    if (this.host.state.roundHolder === id) this.passPiece("skipped");
    void this.syncMicrophones();
    return true;
  }

  moveSeat(id: string, seat: number): void {
    const p = this.participant(id);
    if (!p) return;
    const other = this.participants().find((o) => o.id !== id && o.space === p.space && o.seat === seat);
    if (other) {
      this.placeAt(other, p.seat);
      this.host.notify(other.id, { kind: "moved-seat", message: `The facilitator moved you to seat ${p.seat + 1}.` });
    }
    this.placeAt(p, seat);
  }

  lowerHand(id: string): void {
    const p = this.participant(id);
    if (p) p.handRaised = false;
    const queue = this.host.state.handQueue;
    const index = queue.indexOf(id);
    if (index !== -1) queue.splice(index, 1);
  }

  raiseHand(id: string, raised: boolean): void {
    const p = this.participant(id);
    if (!p) return;
    if (!raised) return this.lowerHand(id);
    p.handRaised = true;
    if (!this.host.state.handQueue.includes(id)) this.host.state.handQueue.push(id);
  }

  dismiss(id: string, why: "removed" | "banned"): void {
    this.host.dismiss(id, why);
  }

  ban(id: string): Promise<boolean> {
    return this.host.banKey(id);
  }

  setPhase(phase: Phase): void {
    this.host.state.phase = phase;
    this.host.state.phaseStartedAt = this.host.now();
  }

  setLocked(locked: boolean): void {
    this.host.state.locked = locked;
    this.host.persistLock(locked);
  }

  startRound(afterSeat: number, shareSeconds: number | null): boolean {
    const members = this.participants()
      .filter((p) => p.space === Spaces.Main && p.role !== "facilitator" && p.connected && !p.away)
      .map((p) => ({ id: p.id, seat: p.seat }));
    const round = startRound(members, afterSeat);
    // Nobody to hold the piece: no round (it would silence everyone with no holder to speak).
    if (isOver(round)) return false;
    this.round = round;
    this.shareSeconds = shareSeconds;
    this.host.state.roundActive = true;
    this.giveTo(holder(this.round));
    return true;
  }

  passPiece(_why: "passed" | "advanced" | "skipped"): void {
    if (!this.round) return;
    this.round = passPiece(this.round, (id) => {
      const p = this.participant(id);
      return Boolean(p && p.space === Spaces.Main && p.connected && !p.away);
    });
    if (isOver(this.round)) return this.endRound();
    this.giveTo(holder(this.round));
  }

  endRound(): void {
    this.round = null;
    this.shareTimer?.clear();
    this.shareTimer = null;
    this.host.state.roundActive = false;
    this.host.state.roundHolder = "";
    this.host.state.shareEndsAt = 0;
    void this.syncMicrophones();
  }

  endSession(): void {
    this.endRound();
    if (this.host.state.locked) this.setLocked(false); // the next session starts open
    this.host.state.phase = "ended";
    this.host.endSession();
  }

  /** Someone left the circle: their hand and the piece move on without them. */
  forget(id: string): void {
    this.lowerHand(id);
    if (this.host.state.roundHolder === id) this.passPiece("skipped");
  }

  private shareSeconds: number | null = null;

  private giveTo(id: string | null): void {
    this.shareTimer?.clear();
    this.shareTimer = null;
    this.host.state.roundHolder = id ?? "";
    this.host.state.shareEndsAt = 0;
    if (id && this.shareSeconds) {
      this.host.state.shareEndsAt = this.host.now() + this.shareSeconds * 1000;
      this.shareTimer = this.host.setTimeout(() => this.host.notify(id, SHARE_TIME_UP), this.shareSeconds * 1000);
    }
    if (id) this.host.notify(id, this.participant(id)?.mutedByFacilitator ? HOLDING_WHILE_MUTED : HOLDING);
    void this.syncMicrophones();
  }

  /** What to tell someone whose permission to speak changed (the holder hears from giveTo). */
  private permissionNotice(p: Participant, allowed: boolean): NoticeMessage | null {
    if (!allowed) return p.mutedByFacilitator ? MUTED : ROUND_WAIT;
    return this.host.state.roundActive && this.host.state.roundHolder === p.id ? null : ALLOWED;
  }

  private placeAt(p: Participant, seat: number): void {
    p.seat = seat;
    this.host.placePose(p);
  }
}
