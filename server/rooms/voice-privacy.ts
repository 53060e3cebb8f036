import type { Client } from "@colyseus/core";
import { ClientMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import { CircleCaptions } from "./captions.ts";
import type { MessageHandlers, Refuse } from "./message-gate.ts";
import { TokenBucket } from "./rate-limit.ts";
import type { CircleState, Participant } from "./state.ts";
import { VOICE_KEY_CHECK_MS, VoiceKeys } from "./voice-keys.ts";

/** What the voice-privacy features need from the room around them. */
export interface VoicePrivacyHost {
  state: CircleState;
  client(id: string): Client | undefined;
  /** Connected clients with their participant. */
  seated(): Iterable<{ client: Client; participant: Participant }>;
  /** Whether `viewer` may see `sender` (not kept apart by a block: server/rooms/visibility.ts). */
  canSee(viewer: string, sender: string): boolean;
  /** The room's clock: the key relay looks for changed spaces on it. */
  setInterval(fn: () => void, ms: number): unknown;
  /** The room's message gate refusal (it costs a strike). */
  refuse: Refuse;
}

/** Mark changes one participant may send per second (a burst of twice that), beyond the gate's limit. */
const MARKS_PER_SECOND = 2;

/**
 * The marks others see on a voice ("disguised", "captions"): set by the server from the
 * participant's own message, so a disguised voice is always shown as disguised.
 */
export class VoiceMarks {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly refuse: Refuse) {}

  handle(client: Client, marks: ClientPayload<"voiceMarks">, participant: Participant): void {
    let bucket = this.buckets.get(participant.id);
    if (!bucket) this.buckets.set(participant.id, (bucket = new TokenBucket(MARKS_PER_SECOND, MARKS_PER_SECOND * 2)));
    if (!bucket.take()) return this.refuse(client, ClientMessage.VoiceMarks, "rate_limited", "Too many requests; please slow down.");
    participant.disguised = marks.disguised;
    participant.captions = marks.captions;
  }

  forget(id: string): void {
    this.buckets.delete(id);
  }
}

/**
 * The room's voice-privacy features: the end-to-end encryption key relay (server/rooms/voice-keys.ts),
 * the voice marks, and the caption relay (server/rooms/captions.ts). Their messages come through the
 * message gate; none of it is logged or stored.
 */
export class RoomVoicePrivacy {
  readonly keys: VoiceKeys;
  private readonly marks: VoiceMarks;
  private readonly captions: CircleCaptions;

  constructor(private readonly host: VoicePrivacyHost) {
    this.keys = new VoiceKeys({
      participants: () => host.state.participants.values(),
      clientOf: (id) => host.client(id),
      refuse: host.refuse,
      now: () => Date.now(),
    });
    this.marks = new VoiceMarks(host.refuse);
    this.captions = new CircleCaptions({
      now: () => Date.now(),
      seated: () => host.seated(),
      canSee: (viewer, sender) => host.canSee(viewer, sender),
      refuse: host.refuse,
    });
  }

  handlers(): MessageHandlers {
    return {
      [ClientMessage.VoiceKeyPublish]: (client, publish, sender) => this.keys.handlePublish(client, publish, sender),
      [ClientMessage.VoiceKeyShare]: (client, share, sender) => this.keys.handleShare(client, share, sender),
      [ClientMessage.VoiceMarks]: (client, marks, sender) => this.marks.handle(client, marks, sender),
      [ClientMessage.Caption]: (client, caption, sender) => this.captions.handleSend(client, caption, sender),
    };
  }

  /** Starts the key relay's watch: joins, leaves, moves, removals and drops start a new epoch. */
  start(): void {
    this.host.setInterval(() => this.keys.check(), VOICE_KEY_CHECK_MS);
  }

  /** The participant left for good. */
  forget(id: string): void {
    this.keys.forget(id);
    this.marks.forget(id);
    this.captions.forget(id);
  }
}
