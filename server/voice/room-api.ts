import { matchMaker } from "@colyseus/core";

/** What the voice routes need to know about a seat. */
export interface VoiceGrant {
  identity: string;
  canPublish: boolean;
  /** False while a block pauses their hearing (server/rooms/voice-apart.ts); tokens are minted with it. */
  canSubscribe: boolean;
  /** The space whose voice room the token is for: "main" or "breakout:<name>". */
  space: string;
}

/** Something LiveKit reported (by webhook) about a participant of a voice room. */
export interface VoiceEvent {
  kind: "joined" | "left" | "trackPublished" | "trackUnpublished";
  identity: string;
  /** LiveKit's id for this connection: tells a fresh connection from a stale one. */
  sid: string;
  /** For track events: whether the track is a microphone (or any other audio). */
  audio?: boolean;
  /** Which of the circle's voice rooms it happened in: "main" or "breakout:<name>". */
  space: string;
}

/**
 * The room methods the voice routes call. CircleRoom implements them; they are reached by
 * roomId through the matchmaker, so they also work when the room lives in another process.
 * Arguments and results must survive JSON.
 */
export interface VoiceRoomApi {
  /** The grant for a seated participant, or null when they are not seated here. */
  voiceGrantFor(participantId: string): VoiceGrant | null;
  /**
   * Redeems a seat ticket: the grant when `nonce` is one the room sent to that participant's
   * connection and has not been redeemed yet (it is used up by this call), else null.
   */
  redeemVoiceTicket(participantId: string, nonce: string | undefined): VoiceGrant | null;
  handleVoiceEvent(event: VoiceEvent): Promise<void>;
}

/**
 * Calls a voice method on the live circle room `roomId`; `{ found: false }` when no such room
 * is open (ended session, or a roomId that never existed).
 */
export async function callCircleRoom<K extends keyof VoiceRoomApi>(
  roomId: string,
  method: K,
  ...args: Parameters<VoiceRoomApi[K]>
): Promise<{ found: true; result: Awaited<ReturnType<VoiceRoomApi[K]>> } | { found: false }> {
  if (!matchMaker.getLocalRoomById(roomId)) {
    // Not here: ask the driver before the (slow, timeout-bound) cross-process call.
    const [listed] = await matchMaker.query({ roomId });
    if (!listed) return { found: false };
  }
  const result = await matchMaker.remoteRoomCall(roomId, method, args);
  return { found: true, result };
}
