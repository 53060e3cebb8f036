import type { Client, Room } from "@colyseus/core";
import { type ErrorCode, type ErrorReply, ServerMessage } from "../../shared/protocol.ts";
import { describeZodError } from "../../shared/schemas.ts";
import { VoiceFeatureMessage, voiceMarksSchema } from "../../shared/voice-features.ts";
import { VoiceKeyMessage } from "../../shared/voice-keys.ts";
import { TokenBucket } from "./rate-limit.ts";
import { CaptionMessage } from "../../shared/captions.ts";
import { CircleCaptions } from "./captions.ts";
import type { CircleRoom } from "./CircleRoom.ts";
import type { CircleState } from "./state.ts";
import { VOICE_KEY_CHECK_MS, VoiceKeys, type VoiceKeysHost } from "./voice-keys.ts";

/** The room's voice-privacy features: the E2EE key relay, the voice marks and the caption relay. */
export interface VoicePrivacy {
  keys: VoiceKeys;
  /** The participant left for good. */
  forget(id: string): void;
}

function refuse(client: Client, type: string, code: ErrorCode, message: string): void {
  const reply: ErrorReply = { code, type: type.slice(0, 64), message };
  client.send(ServerMessage.Error, reply);
}

export function voiceKeysHost(room: Room<CircleState>): VoiceKeysHost {
  return {
    participant: (id) => room.state.participants.get(id),
    participants: () => room.state.participants.values(),
    clientOf: (id) => room.clients.getById(id),
    refuse,
    now: () => Date.now(),
  };
}

function* seatedIn(room: Room<CircleState>) {
  for (const client of room.clients) {
    const participant = room.state.participants.get(client.sessionId);
    if (participant) yield { client, participant };
  }
}

/** Mark changes one participant may send per second (a burst of twice that). */
const MARKS_PER_SECOND = 2;

/**
 * The marks others see on a voice ("disguised", "captions"): set by the server from the
 * participant's own message, validated and rate-limited.
 */
export class VoiceMarks {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly room: Room<CircleState>) {}

  handle(client: Client, raw: unknown): void {
    const participant = this.room.state.participants.get(client.sessionId);
    if (!participant) return;
    let bucket = this.buckets.get(participant.id);
    if (!bucket) this.buckets.set(participant.id, (bucket = new TokenBucket(MARKS_PER_SECOND, MARKS_PER_SECOND * 2)));
    if (!bucket.take()) return refuse(client, VoiceFeatureMessage.Marks, "rate_limited", "Too many requests; please slow down.");
    const parsed = voiceMarksSchema.safeParse(raw);
    if (!parsed.success) return refuse(client, VoiceFeatureMessage.Marks, "invalid_message", describeZodError(parsed.error));
    participant.disguised = parsed.data.disguised;
    participant.captions = parsed.data.captions;
  }

  forget(id: string): void {
    this.buckets.delete(id);
  }
}

/** Registers the voice-privacy messages on a circle room (call once, at the end of onCreate). */
export function attachVoicePrivacy(room: Room<CircleState>, canSee: (viewer: string, sender: string) => boolean): VoicePrivacy {
  const keys = new VoiceKeys(voiceKeysHost(room));
  const marks = new VoiceMarks(room);
  const captions = new CircleCaptions({
    now: () => Date.now(),
    participant: (id) => room.state.participants.get(id),
    seated: () => seatedIn(room),
    canSee,
    refuse,
  });
  room.onMessage(CaptionMessage.Send, (client, raw: unknown) => captions.handleSend(client, raw));
  room.onMessage(VoiceKeyMessage.Publish, (client, raw: unknown) => keys.handlePublish(client, raw));
  room.onMessage(VoiceKeyMessage.Share, (client, raw: unknown) => keys.handleShare(client, raw));
  room.onMessage(VoiceFeatureMessage.Marks, (client, raw: unknown) => marks.handle(client, raw));
  room.clock.setInterval(() => keys.check(), VOICE_KEY_CHECK_MS);
  return {
    keys,
    forget: (id) => {
      keys.forget(id);
      marks.forget(id);
      captions.forget(id);
    },
  };
}

/**
 * The circle room with voice privacy wired in from outside, so this feature does not edit the
 * room itself; a room that registers it in its own onCreate/onLeave needs no wrapper.
 */
export function withVoicePrivacy(Base: typeof CircleRoom): typeof CircleRoom {
  return class VoicePrivateCircleRoom extends Base {
    private voicePrivacy?: VoicePrivacy;

    override async onCreate(options: Parameters<CircleRoom["onCreate"]>[0]): Promise<void> {
      await super.onCreate(options);
      // The room's block visibility (server/rooms/safety.ts) decides who sees a caption, as for chat.
      const safety = (this as unknown as { safety: { visibility: { canSee(viewer: string, sender: string): boolean } } }).safety;
      this.voicePrivacy = attachVoicePrivacy(this, (viewer, sender) => safety.visibility.canSee(viewer, sender));
    }

    override async onLeave(client: Client, consented: boolean): Promise<void> {
      await super.onLeave(client, consented);
      if (!this.state.participants.has(client.sessionId)) this.voicePrivacy?.forget(client.sessionId);
    }
  };
}
