import type { Client, Room } from "@colyseus/core";
import { type ErrorCode, type ErrorReply, ServerMessage } from "../../shared/protocol.ts";
import { VoiceKeyMessage } from "../../shared/voice-keys.ts";
import type { CircleRoom } from "./CircleRoom.ts";
import type { CircleState } from "./state.ts";
import { VOICE_KEY_CHECK_MS, VoiceKeys, type VoiceKeysHost } from "./voice-keys.ts";

/** The room's voice-privacy features: the E2EE key relay. */
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

/** Registers the voice-privacy messages on a circle room (call once, at the end of onCreate). */
export function attachVoicePrivacy(room: Room<CircleState>): VoicePrivacy {
  const keys = new VoiceKeys(voiceKeysHost(room));
  room.onMessage(VoiceKeyMessage.Publish, (client, raw: unknown) => keys.handlePublish(client, raw));
  room.onMessage(VoiceKeyMessage.Share, (client, raw: unknown) => keys.handleShare(client, raw));
  room.clock.setInterval(() => keys.check(), VOICE_KEY_CHECK_MS);
  return { keys, forget: (id) => keys.forget(id) };
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
      this.voicePrivacy = attachVoicePrivacy(this);
    }

    override async onLeave(client: Client, consented: boolean): Promise<void> {
      await super.onLeave(client, consented);
      if (!this.state.participants.has(client.sessionId)) this.voicePrivacy?.forget(client.sessionId);
    }
  };
}
