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
  /** Whether the participant may publish their microphone right now. */
  canPublish: boolean;
}

/**
 * A join token for the voice room: microphone only, no data channel, no metadata, no name,
 * nothing administrative. The pseudonym stays in Hearth; LiveKit only ever sees the id.
 */
export function mintVoiceToken(request: VoiceTokenRequest): Promise<string> {
  const token = new AccessToken(request.apiKey, request.apiSecret, {
    identity: request.identity,
    ttl: VOICE_TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    roomJoin: true,
    room: request.room,
    canSubscribe: true,
    canPublish: request.canPublish,
    canPublishSources: [TrackSource.MICROPHONE],
    canPublishData: false,
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}
