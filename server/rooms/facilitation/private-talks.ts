import { randomBytes } from "node:crypto";
import { isPrivateTalk, privateTalkSpace, Spaces } from "../../../shared/facilitation.ts";
import { notice } from "../../../shared/notices.ts";
import type { NoticeMessage } from "../../../shared/protocol.ts";
import type { Participant } from "../state.ts";

/** What private conversations need from the circle's flow. */
export interface PrivateTalksHost {
  participant(id: string): Participant | undefined;
  /** Moves someone to another space with a seat there; false when that space is full. */
  moveToSpace(id: string, space: string): boolean;
  /** Whether nobody else sits in `seat` of `space`. */
  seatFree(space: string, seat: number): boolean;
  moveSeat(id: string, seat: number): void;
  notify(id: string, message: NoticeMessage): void;
}

interface Talk {
  /** Where each of the two was before: they go back there when the talk ends. */
  returns: Map<string, { space: string; seat: number }>;
  ending: boolean;
}

/**
 * A facilitator's private 1:1 conversations. The two move into a space of their own
 * (shared/facilitation.ts privateTalkSpace): its own voice room at the SFU, chat and voice key,
 * hidden from everyone but the facilitators (server/rooms/visibility.ts). Either can end it; it
 * ends too when one of them leaves, or is moved elsewhere. Nothing of it is stored.
 */
export class PrivateTalks {
  private readonly talks = new Map<string, Talk>();

  constructor(private readonly host: PrivateTalksHost) {}

  /** Starts a talk between a facilitator and someone else; the reason it cannot, or null. */
  start(facilitator: Participant, other: Participant): string | null {
    if (isPrivateTalk(facilitator.space)) return "You are in a private conversation already: end it first.";
    if (isPrivateTalk(other.space)) return "They are in a private conversation already.";
    if (!other.connected) return "They have lost their connection for a moment; try again when they are back.";
    // Lowercase hex: the space's voice room name maps back to it (server/voice/room-name.ts).
    const space = privateTalkSpace(randomBytes(6).toString("hex"));
    const returns = new Map([facilitator, other].map((p) => [p.id, { space: p.space, seat: p.seat }]));
    this.talks.set(space, { returns, ending: false });
    this.host.moveToSpace(facilitator.id, space);
    this.host.moveToSpace(other.id, space);
    this.host.notify(other.id, notice("private-talk-started", facilitator.pseudonym));
    this.host.notify(facilitator.id, notice("private-talk-started", other.pseudonym));
    return null;
  }

  /** Ends the talk in `space`: whoever of the two is still here goes back where they were, except `leaving`. */
  end(space: string, leaving?: string): void {
    const talk = this.talks.get(space);
    if (!talk || talk.ending) return;
    talk.ending = true;
    for (const [id, before] of talk.returns) {
      if (id === leaving || this.host.participant(id)?.space !== space) continue;
      this.goBack(id, before);
      this.host.notify(id, notice("private-talk-ended"));
    }
    this.talks.delete(space);
  }

  /** Someone left `from` for another space (a facilitator moved them, say): the talk is over for the other too. */
  movedOut(id: string, from: string): void {
    const talk = this.talks.get(from);
    if (talk && !talk.ending) this.end(from, id);
  }

  /** The participant left the circle for good. */
  forget(id: string): void {
    for (const [space, talk] of this.talks) if (talk.returns.has(id)) this.end(space, id);
  }

  private goBack(id: string, before: { space: string; seat: number }): void {
    const space = isPrivateTalk(before.space) ? Spaces.Main : before.space;
    // Their circle filled up meanwhile: the waiting room, where a facilitator can let them in.
    if (!this.host.moveToSpace(id, space)) {
      this.host.moveToSpace(id, Spaces.Waiting);
      return;
    }
    if (space !== Spaces.Waiting && this.host.seatFree(space, before.seat)) this.host.moveSeat(id, before.seat);
  }
}
