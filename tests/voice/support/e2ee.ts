/**
 * Encrypted voice for the test bots: LiveKit's E2EE in @livekit/rtc-node with the circle key,
 * and the room side of the key exchange driven by the same code the browser runs.
 */
import { E2eeRequest, FrameCryptorSetKeyIndexRequest } from "@livekit/rtc-ffi-bindings";
import { type E2EEOptions, EncryptionType, type KeyProvider } from "@livekit/rtc-node";
import { makeCircleKey } from "../../../client/voice/e2ee/crypto.ts";
import { type CircleKey, CircleKeyExchange } from "../../../client/voice/e2ee/exchange.ts";
import { ServerMessage } from "../../../shared/protocol.ts";
import { type VoiceKeyDelivery, type VoiceKeyRotation, VOICE_KEY_RING_SIZE } from "../../../shared/voice-keys.ts";
import { waitFor } from "../../support/wait.ts";
import type { Seat, VoiceBot } from "./bots.ts";

/**
 * The browser's ExternalE2EEKeyProvider settings: one shared key, no ratcheting on failures.
 * rtc-node uses a shared key only when it is given one at connect time: a random one nobody
 * else holds fills slot 0 until the circle's key arrives.
 */
export function e2eeOptions(): E2EEOptions {
  const placeholder = new TextEncoder().encode(makeCircleKey());
  return {
    encryptionType: EncryptionType.GCM,
    keyProviderOptions: { sharedKey: placeholder, ratchetWindowSize: 0, failureTolerance: -1, keyRingSize: VOICE_KEY_RING_SIZE },
  };
}

/** Installs a circle key in a bot at its epoch's ring index, and sends with it from now on. */
export function useCircleKey(bot: VoiceBot, key: Pick<CircleKey, "key" | "epoch">): void {
  const manager = bot.room.e2eeManager;
  if (!manager) throw new Error("This bot joined without encryption.");
  const index = key.epoch % VOICE_KEY_RING_SIZE;
  (manager as unknown as { keyProvider: KeyProvider }).keyProvider.setSharedKey(new TextEncoder().encode(key.key), index);
  const local = bot.room.localParticipant;
  if (!local) return;
  // rtc-node 1.1's FrameCryptor.setKeyIndex leaves out the (required) track sid: ask the FFI directly.
  const internals = manager as unknown as { roomHandle: bigint };
  const ffi = (globalThis as { _ffiClientInstance?: { request(message: unknown): unknown } })._ffiClientInstance;
  for (const publication of local.trackPublications.values()) {
    const value = new FrameCryptorSetKeyIndexRequest({ participantIdentity: local.identity, trackSid: publication.sid, keyIndex: index });
    const request = new E2eeRequest({ roomHandle: internals.roomHandle, message: { case: "cryptorSetKeyIndex", value } });
    ffi?.request({ message: { case: "e2ee", value: request } });
  }
}

export interface KeySeat {
  exchange: CircleKeyExchange;
  keys: CircleKey[];
  rotations: VoiceKeyRotation[];
  /** Waits for a key of an epoch newer than `epoch`. */
  keyAfter(epoch: number, timeoutMs?: number): Promise<CircleKey>;
}

/** Takes part in the seat's key exchange exactly like a browser does; `onKey` sees every key. */
export async function joinKeyExchange(seat: Seat, onKey: (key: CircleKey) => void = () => {}): Promise<KeySeat> {
  const keys: CircleKey[] = [];
  const rotations: VoiceKeyRotation[] = [];
  const exchange = await CircleKeyExchange.create(
    { selfId: () => seat.id, send: (type, payload) => seat.room.send(type, payload) },
    (key) => {
      keys.push(key);
      onKey(key);
    },
  );
  seat.room.onMessage(ServerMessage.VoiceKeyRotate, (rotation: VoiceKeyRotation) => {
    rotations.push(rotation);
    void exchange.handleRotation(rotation);
  });
  seat.room.onMessage(ServerMessage.VoiceKeyDeliver, (delivery: VoiceKeyDelivery) => void exchange.handleDelivery(delivery));
  exchange.publish();
  return {
    exchange,
    keys,
    rotations,
    keyAfter: (epoch, timeoutMs = 8000) =>
      waitFor(`a voice key newer than epoch ${epoch} for ${seat.id}`, () => keys.find((k) => k.epoch > epoch), timeoutMs),
  };
}
