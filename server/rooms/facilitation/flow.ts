import { isPrivateTalk, Spaces } from "../../../shared/facilitation.ts";
import { notice } from "../../../shared/notices.ts";
import type { NoticeMessage, Phase } from "../../../shared/protocol.ts";
import { pickSeat } from "../../../shared/seats.ts";
import type { Seating } from "../seating.ts";
import { NO_SEAT, type CircleState, type Participant } from "../state.ts";
import type { FlowVoice } from "../voice.ts";
import type { FacilitationContext } from "./actions.ts";
import { mayPublish } from "./speaking.ts";
import { PrivateTalks } from "./private-talks.ts";
import { holder, isOver, passPiece, type Round, startRound } from "./talking-piece.ts";

/** What the flow works with: the state, notices, and the voice, pose and seating modules. */
export interface FlowHost {
  readonly state: CircleState;
  notify(id: string, notice: NoticeMessage): void;
  readonly voice: FlowVoice;
  /** Resets the person's pose to their (new) seat, or to none in the waiting room. */
  readonly poses: { place(p: Participant): void };
  readonly seating: Pick<Seating, "dismiss" | "banKey">;
  /** Someone changed space: who may see them changes (the waiting room and private talks are private). */
  spaceChanged(id: string): void;
  /** Closes the session for everyone (a facilitator ended it). */
  endSession(): void;
  /** Writes the lock down so it survives a restart. */
  persistLock(locked: boolean): void;
  /** Mutes and removals that hold for the rest of the session, by device key. */
  readonly sanctions: { rememberMutes(participants: Iterable<Participant>): void; removed(id: string): void };
  now(): number;
  setTimeout(fn: () => void, ms: number): { clear(): void };
}

/**
 * The guided flow of one circle: spaces and seats, who may speak, the talking-piece round,
 * raised hands, phase and lock. Facilitator actions drive it through FacilitationContext.
 */
export class CircleFlow implements FacilitationContext {
  private round: Round | null = null;
  private shareTimer: { clear(): void } | null = null;
  private readonly privateTalks: PrivateTalks;

  constructor(private readonly host: FlowHost) {
    this.privateTalks = new PrivateTalks({
      participant: (id) => this.participant(id),
      moveToSpace: (id, space) => this.moveToSpace(id, space),
      seatFree: (space, seat) => !this.participants().some((p) => p.space === space && p.seat === seat),
      moveSeat: (id, seat) => this.moveSeat(id, seat),
      notify: (id, message) => this.notify(id, message),
    });
  }

  get capacity(): number {
    return this.host.state.capacity;
  }

  participant(id: string): Participant | undefined {
    return this.host.state.participants.get(id);
  }

  participants(): Participant[] {
    return [...this.host.state.participants.values()];
  }

  notify(id: string, message: NoticeMessage): void {
    this.host.notify(id, message);
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
        this.notify(p.id, notice("admitted"));
      }
    }
  }

  syncMicrophones(): Promise<void> {
    const { roundActive, roundHolder } = this.host.state;
    this.host.sanctions.rememberMutes(this.participants());
    const updates: Promise<void>[] = [];
    for (const p of this.participants()) {
      const allowed = mayPublish(
        p.id,
        { role: p.role, mutedByFacilitator: p.mutedByFacilitator, inVoiceSpace: p.space !== Spaces.Waiting, inPrivateTalk: isPrivateTalk(p.space) },
        // The round is the main circle's: people in a breakout talk among themselves meanwhile.
        { roundActive: roundActive && p.space === Spaces.Main, roundHolder },
      );
      if (allowed === p.micAllowed) continue;
      p.micAllowed = allowed;
      if (!allowed) p.muted = true;
      const change = this.permissionNotice(p, allowed);
      if (change && p.space !== Spaces.Waiting) this.host.notify(p.id, change);
      updates.push(this.host.voice.applyMic(p.id));
    }
    return Promise.all(updates).then(() => undefined);
  }

  moveToSpace(id: string, space: string): boolean {
    const p = this.participant(id);
    if (!p) return false;
    const from = p.space;
    if (from === space) return true;
    const seat = space === Spaces.Waiting ? NO_SEAT : this.freeSeat(space);
    if (seat === null) return false;
    p.space = space;
    this.placeAt(p, seat);
    const hidden = (s: string) => s === Spaces.Waiting || isPrivateTalk(s);
    if (hidden(from) || hidden(space)) this.host.spaceChanged(id);
    // Every space but the waiting room talks in a voice room of its own.
    if (from !== Spaces.Waiting) this.host.voice.leave(id, from);
    if (space !== Spaces.Waiting) this.host.voice.sendTicketTo(id);
    if (isPrivateTalk(from)) this.privateTalks.movedOut(id, from);
    if (space === Spaces.Waiting) this.lowerHand(id);
    if (this.host.state.roundHolder === id) this.passPiece("skipped");
    void this.syncMicrophones();
    return true;
  }

  /** A facilitator opens a private conversation with `otherId`; the reason it cannot, or null. */
  startPrivateTalk(facilitatorId: string, otherId: string): string | null {
    const [facilitator, other] = [this.participant(facilitatorId), this.participant(otherId)];
    if (!facilitator || !other) return "That person is no longer in the circle.";
    return this.privateTalks.start(facilitator, other);
  }

  /** Ends the private conversation in `space`: both go back where they were. */
  endPrivateTalk(space: string): void {
    this.privateTalks.end(space);
  }

  moveSeat(id: string, seat: number): void {
    const p = this.participant(id);
    if (!p) return;
    const other = this.participants().find((o) => o.id !== id && o.space === p.space && o.seat === seat);
    if (other) {
      this.placeAt(other, p.seat);
      this.host.notify(other.id, notice("moved-seat", p.seat));
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
    if (why === "removed") this.host.sanctions.removed(id);
    this.host.seating.dismiss(id, why);
  }

  ban(id: string): Promise<boolean> {
    return this.host.seating.banKey(id);
  }

  setPhase(phase: Phase): void {
    this.host.state.phase = phase;
    this.host.state.phaseStartedAt = this.host.now();
  }

  goToGuideStep(step: number): boolean {
    const { state } = this.host;
    const next = state.guide[step];
    if (!next) return false;
    state.guideStep = step;
    if (next.phase !== state.phase) this.setPhase(next.phase as Phase);
    return true;
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
    this.privateTalks.forget(id);
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
      this.shareTimer = this.host.setTimeout(() => this.host.notify(id, notice("share-time-up")), this.shareSeconds * 1000);
    }
    if (id) this.host.notify(id, notice("holding-piece", Boolean(this.participant(id)?.mutedByFacilitator)));
    void this.syncMicrophones();
  }

  /** What to tell someone whose permission to speak changed (the holder hears from giveTo). */
  private permissionNotice(p: Participant, allowed: boolean): NoticeMessage | null {
    if (!allowed) return notice(p.mutedByFacilitator ? "muted-by-facilitator" : "round-waiting");
    return this.host.state.roundActive && this.host.state.roundHolder === p.id ? null : notice("allowed-to-speak");
  }

  private placeAt(p: Participant, seat: number): void {
    p.seat = seat;
    this.host.poses.place(p);
  }
}
