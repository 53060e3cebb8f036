import { Spaces } from "../../shared/facilitation.ts";
import { log } from "../log.ts";
import type { VoiceService } from "../voice/service.ts";
import type { Participant } from "./state.ts";

/** How often a room compares who it shows in voice with LiveKit's own listing. */
export const VOICE_PRESENCE_CHECK_MS = 10_000;

export interface VoicePresenceHost {
  roomId(): string;
  participants(): Iterable<Participant>;
  voice(): VoiceService | undefined;
  /** Found in voice by a listing, not a webhook (their "joined" was lost). */
  foundInVoice?(participant: Participant): void;
  /**
   * Listed in voice by this check, newcomer or not: the room re-applies what LiveKit must enforce
   * (every facilitator mute), since a token minted elsewhere or a lost update may have undone it.
   */
  listedInVoice(participant: Participant): void;
}

/**
 * Who is connected to voice (Participant.voiceConnected). LiveKit's webhooks say so at once, but
 * a webhook can be lost and a crashed LiveKit sends no "left" at all, so the room also checks
 * LiveKit's listing of each voice room now and then. A webhook newer than a listing wins.
 */
export class VoicePresence {
  /** LiveKit's id for each participant's current voice connection: a stale "left" cannot undo a fresh "joined". */
  private readonly sids = new Map<string, string>();
  /** When the last webhook about each participant arrived. */
  private readonly heardAt = new Map<string, number>();
  private checking = false;

  constructor(private readonly host: VoicePresenceHost) {}

  joined(participant: Participant, sid: string): void {
    this.sids.set(participant.id, sid);
    this.heardAt.set(participant.id, performance.now());
    participant.voiceConnected = true;
  }

  /** False when `sid` is an older connection than the current one (nothing changes then). */
  left(participant: Participant, sid: string): boolean {
    if (this.sids.get(participant.id) !== sid) return false;
    this.sids.delete(participant.id);
    this.heardAt.set(participant.id, performance.now());
    participant.voiceConnected = false;
    return true;
  }

  /** The participant left the circle or their space, and so its voice room: forget their connection. */
  forget(participantId: string): void {
    this.sids.delete(participantId);
    this.heardAt.delete(participantId);
  }

  /** Compares with LiveKit's listing; an unreachable LiveKit counts as nobody in voice. */
  async check(): Promise<void> {
    const voice = this.host.voice();
    if (!voice || this.checking) return;
    this.checking = true;
    try {
      const bySpace = new Map<string, Participant[]>();
      for (const p of this.host.participants()) {
        if (p.space === Spaces.Waiting) continue;
        const people = bySpace.get(p.space);
        if (people) people.push(p);
        else bySpace.set(p.space, [p]);
      }
      await Promise.all([...bySpace].map(([space, people]) => this.checkSpace(voice, space, people)));
    } finally {
      this.checking = false;
    }
  }

  private async checkSpace(voice: VoiceService, space: string, people: Participant[]): Promise<void> {
    const askedAt = performance.now();
    let listed: Map<string, string>;
    try {
      listed = new Map((await voice.participantsIn(this.host.roomId(), space)).map((p) => [p.identity, p.sid]));
    } catch (error) {
      log.warn({ roomId: this.host.roomId(), space, err: String(error) }, "could not list a voice room");
      listed = new Map();
    }
    for (const p of people) {
      if (p.space !== space) continue; // moved to another space meanwhile
      const sid = listed.get(p.id);
      if (sid) this.host.listedInVoice(p);
      // A webhook told us something newer than this listing.
      if ((this.heardAt.get(p.id) ?? -Infinity) >= askedAt) continue;
      if (sid) {
        this.sids.set(p.id, sid);
        if (!p.voiceConnected) {
          p.voiceConnected = true;
          this.host.foundInVoice?.(p);
        }
      } else if (p.voiceConnected) {
        this.sids.delete(p.id);
        p.voiceConnected = false;
      }
    }
  }
}
