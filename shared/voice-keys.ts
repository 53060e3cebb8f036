/**
 * End-to-end encrypted voice: the messages that carry key material through the room.
 *
 * Each browser makes an ECDH P-256 key pair and publishes the public half (it appears in the
 * participant's state as `voiceKey`). Whenever the people in a space change, the server names a
 * new epoch and a keyer (the member with the lowest id); the keyer makes a fresh circle key and
 * wraps it for each member with AES-GCM under a key derived from ECDH. The server only relays
 * these opaque blobs: it never holds the circle key, and neither does LiveKit.
 * Messages: ClientMessage.VoiceKeyPublish / VoiceKeyShare, ServerMessage.VoiceKeyRotate / VoiceKeyDeliver (shared/protocol.ts).
 */
import { z } from "zod";

/** LiveKit's key ring: an epoch's key lives at index epoch % VOICE_KEY_RING_SIZE. */
export const VOICE_KEY_RING_SIZE = 16;
/** A newly delivered key is installed at once for decryption and used for sending this much later, so nobody misses a word. */
export const VOICE_KEY_ACTIVATE_MS = 1000;
/** A keyer that has not shared the key after this long is passed over for the next member. */
export const VOICE_KEYER_TIMEOUT_MS = 5000;
/** The same ECDH public key is sent at most this often per second (a refusal answers more). */
export const VOICE_KEY_MESSAGES_PER_SECOND = 4;

const base64url = (min: number, max: number) =>
  z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]+$/, "Expected base64url text.");

/** An uncompressed P-256 point (65 bytes) in base64url without padding. */
export const voiceKeyPublishSchema = z.object({ publicKey: base64url(87, 87) }).strict();
export type VoiceKeyPublish = z.infer<typeof voiceKeyPublishSchema>;

export const MAX_WRAPPED_KEYS = 64;

export const voiceKeyShareSchema = z
  .object({
    space: z.string().min(1).max(64),
    epoch: z.number().int().min(1).max(2 ** 31),
    keys: z
      .array(
        z
          .object({
            to: z.string().min(1).max(64),
            /** AES-GCM nonce: 12 bytes. */
            iv: base64url(16, 16),
            /** The wrapped circle key with its tag. */
            wrapped: base64url(16, 128),
          })
          .strict(),
      )
      .max(MAX_WRAPPED_KEYS),
  })
  .strict();
export type VoiceKeyShare = z.infer<typeof voiceKeyShareSchema>;

export interface VoiceKeyMember {
  id: string;
  publicKey: string;
}

export interface VoiceKeyRotation {
  space: string;
  epoch: number;
  /** Who makes and wraps this epoch's key. */
  keyer: string;
  /** Everyone who gets the key, the keyer included, with the public key the room holds for them. */
  members: VoiceKeyMember[];
}

export interface VoiceKeyDelivery {
  space: string;
  epoch: number;
  from: string;
  /** The keyer's public key as the room holds it (the patch with their state may come later). */
  fromKey: string;
  iv: string;
  wrapped: string;
}
