import type { Client } from "@colyseus/core";
import { Spaces } from "../../shared/facilitation.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import {
  type VoiceKeyDelivery,
  VOICE_KEY_MESSAGES_PER_SECOND,
  VOICE_KEYER_TIMEOUT_MS,
  type VoiceKeyMember,
  type VoiceKeyRotation,
} from "../../shared/voice-keys.ts";
import type { Refuse } from "./message-gate.ts";
import { TokenBucket } from "./rate-limit.ts";
import type { Participant } from "./state.ts";

/** What the key relay needs from the room around it. */
export interface VoiceKeysHost {
  participants(): Iterable<Participant>;
  clientOf(id: string): Client | undefined;
  /** The room's message gate refusal (it costs a strike). */
  refuse: Refuse;
  now(): number;
}

/** How often the relay looks whether the people in a space changed. */
export const VOICE_KEY_CHECK_MS = 200;

interface SpaceEpoch {
  epoch: number;
  keyer: string;
  members: VoiceKeyMember[];
  /** Who these members are, with their keys: a change means a new epoch. */
  signature: string;
  startedAt: number;
  shared: boolean;
  /** Keyers passed over in this membership because they did not share in time. */
  skipped: Set<string>;
}

/**
 * The room's part in end-to-end encrypted voice: it keeps each participant's public key in the
 * state (`voiceKey`), starts a new epoch whenever the people in a space change (join, leave,
 * move, removal, a dropped connection), names the keyer, and relays the keyer's wrapped keys to
 * the members of that epoch only. It never sees a circle key; nothing here is logged or stored.
 */
export class VoiceKeys {
  private readonly spaces = new Map<string, SpaceEpoch>();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly host: VoiceKeysHost) {}

  /** ClientMessage.VoiceKeyPublish, through the message gate (schema checked). */
  handlePublish(client: Client, publish: ClientPayload<"voiceKeyPublish">, participant: Participant): void {
    if (!this.admit(client, ClientMessage.VoiceKeyPublish, participant)) return;
    participant.voiceKey = publish.publicKey;
    this.check();
  }

  /** ClientMessage.VoiceKeyShare, through the message gate (schema checked). */
  handleShare(client: Client, share: ClientPayload<"voiceKeyShare">, participant: Participant): void {
    if (!this.admit(client, ClientMessage.VoiceKeyShare, participant)) return;
    const current = this.spaces.get(share.space);
    if (!current || current.epoch !== share.epoch || current.keyer !== participant.id || participant.space !== share.space) {
      return this.host.refuse(client, ClientMessage.VoiceKeyShare, "not_allowed", "You are not the one sharing this voice key.");
    }
    current.shared = true;
    const members = new Set(current.members.map((m) => m.id));
    for (const entry of share.keys) {
      // Only this epoch's members get a key: someone who left or was removed is not among them.
      if (!members.has(entry.to) || entry.to === participant.id) continue;
      const delivery: VoiceKeyDelivery = {
        space: share.space,
        epoch: share.epoch,
        from: participant.id,
        fromKey: participant.voiceKey,
        iv: entry.iv,
        wrapped: entry.wrapped,
      };
      this.host.clientOf(entry.to)?.send(ServerMessage.VoiceKeyDeliver, delivery);
    }
  }

  /** Starts a new epoch in every space whose members changed, and passes over a silent keyer. */
  check(): void {
    const now = this.host.now();
    const bySpace = this.membersBySpace();
    for (const [space, members] of bySpace) {
      const signature = members.map((m) => `${m.id}:${m.publicKey}`).join(",");
      const current = this.spaces.get(space);
      if (!current || current.signature !== signature) {
        this.rotate(space, members, signature, new Set());
      } else if (!current.shared && now - current.startedAt > VOICE_KEYER_TIMEOUT_MS) {
        this.rotate(space, members, signature, new Set([...current.skipped, current.keyer]));
      }
    }
    for (const [space, current] of this.spaces) {
      // Everyone left: the next person to arrive starts a newer epoch, never an old one again.
      if (!bySpace.has(space) && current.members.length) this.spaces.set(space, { ...current, members: [], signature: "" });
    }
  }

  /** The participant left for good. */
  forget(id: string): void {
    this.buckets.delete(id);
  }

  private rotate(space: string, members: VoiceKeyMember[], signature: string, skipped: Set<string>): void {
    const previous = this.spaces.get(space);
    const candidates = members.filter((m) => !skipped.has(m.id));
    const keyer = (candidates.length ? candidates : members)[0]!.id;
    const next: SpaceEpoch = {
      epoch: (previous?.epoch ?? 0) + 1,
      keyer,
      members,
      signature,
      startedAt: this.host.now(),
      shared: false,
      skipped: candidates.length ? skipped : new Set(),
    };
    this.spaces.set(space, next);
    const rotation: VoiceKeyRotation = { space, epoch: next.epoch, keyer, members };
    for (const member of members) this.host.clientOf(member.id)?.send(ServerMessage.VoiceKeyRotate, rotation);
  }

  /** Connected participants with a public key, by voice space, ordered by id (the keyer is the first). */
  private membersBySpace(): Map<string, VoiceKeyMember[]> {
    const bySpace = new Map<string, VoiceKeyMember[]>();
    for (const p of this.host.participants()) {
      if (!p.connected || !p.voiceKey || p.space === Spaces.Waiting || !this.host.clientOf(p.id)) continue;
      let list = bySpace.get(p.space);
      if (!list) bySpace.set(p.space, (list = []));
      list.push({ id: p.id, publicKey: p.voiceKey });
    }
    for (const list of bySpace.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return bySpace;
  }

  /** The key relay's own limit, beyond the gate's: each new public key starts an epoch for everyone. */
  private admit(client: Client, type: string, participant: Participant): boolean {
    let bucket = this.buckets.get(participant.id);
    if (!bucket) this.buckets.set(participant.id, (bucket = new TokenBucket(VOICE_KEY_MESSAGES_PER_SECOND, VOICE_KEY_MESSAGES_PER_SECOND * 2, () => this.host.now())));
    if (bucket.take()) return true;
    this.host.refuse(client, type, "rate_limited", "Too many requests; please slow down.");
    return false;
  }
}
