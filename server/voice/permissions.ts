import { type RoomServiceClient, ServerError, TrackSource } from "livekit-server-sdk";

/** LiveKit's answer when the identity is not in the room (yet): for a permission change, not a failure. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ServerError && (error.status === 404 || error.code === "not_found");
}

/**
 * The hard mute: replaces the participant's whole permission set so that, when `allowed` is
 * false, LiveKit unpublishes their microphone and refuses to let them publish it again.
 * Someone who has not connected to voice yet is fine: their token is minted from the room's
 * current state, and the room re-applies this when LiveKit reports them joining.
 */
export async function setMicrophoneAllowed(
  rooms: RoomServiceClient,
  voiceRoom: string,
  identity: string,
  allowed: boolean,
): Promise<void> {
  try {
    await rooms.updateParticipant(voiceRoom, identity, {
      permission: {
        canSubscribe: true,
        canPublish: allowed,
        canPublishSources: [TrackSource.MICROPHONE],
        canPublishData: false,
        canUpdateMetadata: false,
        hidden: false,
      },
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Takes someone out of the voice room (they left the circle). Absent already is fine. */
export async function removeFromVoice(rooms: RoomServiceClient, voiceRoom: string, identity: string): Promise<void> {
  try {
    await rooms.removeParticipant(voiceRoom, identity);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Ends a voice room and disconnects everyone in it (the circle session is over). */
export async function closeVoiceRoom(rooms: RoomServiceClient, voiceRoom: string): Promise<void> {
  try {
    await rooms.deleteRoom(voiceRoom);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
