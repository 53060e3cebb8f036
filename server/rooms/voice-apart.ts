import type { Delayed, Room } from "@colyseus/core";
import type { ParticipantInfo } from "livekit-server-sdk";
import { TrackType } from "livekit-server-sdk";
import type { VoiceBlocksApplied } from "../../shared/safety.ts";
import { log } from "../log.ts";
import type { VoiceService } from "../voice/service.ts";
import type { Participant } from "./state.ts";

/**
 * While a blocked pair shares a voice space, the room re-applies their block at LiveKit this
 * often: a client that subscribes again against the block is cut off again within it.
 */
export const VOICE_APART_RECONCILE_MS = 100;
/**
 * How long a speaker's client has, after a block or a new LiveKit connection, to confirm that
 * the SFU refuses its microphone to the person kept apart from it (VoiceBlocksApplied).
 */
export const VOICE_APART_CONFIRM_MS = 150;
/** The reconcile reuses LiveKit's listing of tracks for this long, unless something changed. */
const LISTING_MAX_AGE_MS = 1000;

export interface VoiceApartHost {
  readonly roomId: string;
  readonly clock: Room["clock"];
  readonly voice?: VoiceService;
  /** Blocks in force now, as [blocker, blocked] participant ids. */
  blocks(): Iterable<[string, string]>;
  participant(id: string): Participant | undefined;
  /** Re-applies the person's whole LiveKit permission (microphone and hearing), in order with their mutes. */
  applyPermission(id: string): void;
  /** Tells the person their voice room is paused (or back) because of someone kept apart from them. */
  tell(id: string, paused: boolean): void;
}

/**
 * Blocks in voice, enforced by the SFU whatever the clients do. LiveKit's server API has no
 * per-pair subscription permission: only a publisher's own client can make the SFU refuse its
 * track to one listener (setTrackSubscriptionPermissions). So:
 *
 * - each side of a blocked pair is unsubscribed from the other's audio when the block is made,
 *   on every LiveKit join or publish, and every VOICE_APART_RECONCILE_MS while they share a space;
 * - each speaker's client confirms (VoiceBlocksApplied, for its LiveKit connection) that it made
 *   the SFU refuse its microphone to those kept apart from it; Hearth's browsers do so at once;
 * - a blocked person kept from a speaker whose client has not confirmed within
 *   VOICE_APART_CONFIRM_MS (an old or third-party client) loses the right to subscribe at all
 *   (LiveKit's canSubscribe) until that speaker confirms, leaves voice or unblocks: they may miss
 *   the circle for a while, but never hear the one who blocked them, however they resubscribe.
 *
 * The blocker is never deafened: they chose the block and can lift it.
 */
export class VoiceApart {
  private readonly confirmed = new Map<string, { sid: string; hidden: Set<string> }>();
  private readonly deafened = new Set<string>();
  /** speaker>listener|sid → when this speaker's connection was first seen unconfirmed for the listener. */
  private readonly unconfirmedSince = new Map<string, number>();
  /** LiveKit's listing of each space's voice room, as last fetched (the rounds between reuse it). */
  private readonly listings = new Map<string, { at: number; participants: ParticipantInfo[] }>();
  private timer?: Delayed;
  private graceEnd?: Delayed;
  private running = false;
  private rerun = false;
  private fresh = true;
  private failing = false;

  constructor(private readonly host: VoiceApartHost) {}

  /** Whether LiveKit should let this person subscribe to anyone. */
  canSubscribe(id: string): boolean {
    return !this.deafened.has(id);
  }

  /** ClientMessage.VoiceBlocksApplied (schema checked by the gate). */
  confirm(id: string, applied: VoiceBlocksApplied): void {
    this.confirmed.set(id, { sid: applied.sid, hidden: new Set(applied.hidden) });
    this.changed();
  }

  /** Blocks, spaces or voice connections changed: reconcile now, then keep at it while a pair shares a space. */
  changed(): void {
    if (!this.host.voice) return;
    this.fresh = true;
    this.timer ??= this.host.clock.setInterval(() => void this.reconcile(), VOICE_APART_RECONCILE_MS);
    void this.reconcile();
  }

  /** The participant left for good. */
  forget(id: string): void {
    this.confirmed.delete(id);
    this.deafened.delete(id);
    this.changed();
  }

  private async reconcile(): Promise<void> {
    const voice = this.host.voice;
    if (!voice) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    const bySpace = this.pairsBySpace();
    if (bySpace.size === 0 && this.deafened.size === 0) {
      this.timer?.clear();
      this.timer = undefined;
      return;
    }
    this.running = true;
    const fresh = this.fresh;
    this.fresh = false;
    try {
      await Promise.all(
        [...bySpace].map(async ([space, pairs]) => {
          const listing = await this.listing(voice, space, fresh);
          await voice.keepApart(this.host.roomId, pairs, space, listing);
        }),
      );
      for (const space of this.listings.keys()) if (!bySpace.has(space)) this.listings.delete(space);
      this.updateDeafened(bySpace);
      this.failing = false;
    } catch (error) {
      // Once per outage, not ten times a second.
      if (!this.failing) log.warn({ roomId: this.host.roomId, err: String(error) }, "could not re-apply blocks in voice");
      this.failing = true;
    } finally {
      this.running = false;
    }
    if (this.rerun) {
      this.rerun = false;
      void this.reconcile();
    }
  }

  /** A space's voice room listing: fetched again after a change, else at most LISTING_MAX_AGE_MS old. */
  private async listing(voice: VoiceService, space: string, fresh: boolean): Promise<ParticipantInfo[]> {
    const now = this.host.clock.currentTime;
    const kept = this.listings.get(space);
    if (!fresh && kept && now - kept.at <= LISTING_MAX_AGE_MS) return kept.participants;
    const participants = await voice.listing(this.host.roomId, space);
    this.listings.set(space, { at: now, participants });
    return participants;
  }

  /** Deafens each blocked listener kept from a speaker in voice whose client has not confirmed the block in time. */
  private updateDeafened(bySpace: Map<string, [string, string][]>): void {
    const now = this.host.clock.currentTime;
    const wanted = new Set<string>();
    const seen = new Set<string>();
    let soonest = Infinity;
    for (const [space, pairs] of bySpace) {
      const listing = this.listings.get(space)?.participants ?? [];
      for (const [speaker, listener] of pairs) {
        const info = listing.find((p) => p.identity === speaker);
        if (!info || !info.tracks.some((t) => t.type === TrackType.AUDIO)) continue; // nothing to hear
        const confirmation = this.confirmed.get(speaker);
        if (confirmation?.sid === info.sid && confirmation.hidden.has(listener)) continue;
        const key = `${speaker}>${listener}|${info.sid}`;
        seen.add(key);
        const since = this.unconfirmedSince.get(key) ?? now;
        this.unconfirmedSince.set(key, since);
        const left = VOICE_APART_CONFIRM_MS - (now - since);
        if (left <= 0) wanted.add(listener);
        else soonest = Math.min(soonest, left);
      }
    }
    // Look again the moment the first grace ends, not at the next round.
    if (soonest < VOICE_APART_RECONCILE_MS && !this.graceEnd) {
      this.graceEnd = this.host.clock.setTimeout(() => {
        this.graceEnd = undefined;
        this.fresh = true;
        void this.reconcile();
      }, soonest);
    }
    for (const key of this.unconfirmedSince.keys()) if (!seen.has(key)) this.unconfirmedSince.delete(key);
    for (const id of wanted) {
      if (this.deafened.has(id)) continue;
      this.deafened.add(id);
      log.info({ roomId: this.host.roomId, participantId: id }, "voice paused for a blocked participant: a speaker's client did not confirm the block");
      this.host.applyPermission(id);
      this.host.tell(id, true);
    }
    for (const id of [...this.deafened]) {
      if (wanted.has(id)) continue;
      this.deafened.delete(id);
      this.host.applyPermission(id);
      this.host.tell(id, false);
    }
  }

  /**
   * Pairs who share a space now, by space, as [speaker, listener] with the listener the one
   * blocked: the direction a block protects. A block made both ways gives both directions.
   */
  private pairsBySpace(): Map<string, [string, string][]> {
    const bySpace = new Map<string, [string, string][]>();
    for (const [blocker, blocked] of this.host.blocks()) {
      const [a, b] = [this.host.participant(blocker), this.host.participant(blocked)];
      if (!a || !b || a.space !== b.space) continue;
      const pairs = bySpace.get(a.space) ?? [];
      pairs.push([blocker, blocked]);
      bySpace.set(a.space, pairs);
    }
    return bySpace;
  }
}
