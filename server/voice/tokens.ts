import { AccessToken, TrackSource } from "livekit-server-sdk";

/** A LiveKit token is only needed to connect; permissions are enforced by the server after that. */
export const VOICE_TOKEN_TTL_SECONDS = 10 * 60;

export interface VoiceTokenRequest {
  apiKey: string;
  apiSecret: string;
  /** LiveKit room name (see room-name.ts). */
  room: string;
  /** The participant id: never a pseudonym or anything else personal. */
  identity: string;
  /** False while a block pauses their hearing (server/rooms/voice-apart.ts). */
  canSubscribe?: boolean;
}

/**
 * A join token for the voice room: no data channel, no metadata, no name, nothing administrative.
 * It never carries the right to publish: a token outlives the decision it was minted under (a
 * mute a moment later), so the room grants the microphone by updateParticipant once LiveKit
 * reports the participant joined and the room allows them to speak (server/rooms/voice.ts). The
 * SFU refuses their audio from the first packet until then. The pseudonym stays in Hearth;
 * LiveKit only ever sees the id.
 */
export function mintVoiceToken(request: VoiceTokenRequest): Promise<string> {
  const token = new AccessToken(request.apiKey, request.apiSecret, {
    identity: request.identity,
    ttl: VOICE_TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    roomJoin: true,
    room: request.room,
    canSubscribe: request.canSubscribe ?? true,
    canPublish: false,
    canPublishSources: [TrackSource.MICROPHONE],
    canPublishData: false,
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}
