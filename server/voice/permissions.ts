import { type RoomServiceClient, ServerError, TrackSource } from "livekit-server-sdk";

/** LiveKit's answer when the identity is not in the room (yet): for a permission change, not a failure. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ServerError && (error.status === 404 || error.code === "not_found");
}

export interface VoicePermission {
  /** The facilitator's decision (micAllowed): false is the hard mute. */
  canPublish: boolean;
  /** False only while someone kept apart from them speaks from a client that cannot refuse them its voice (server/rooms/voice-apart.ts). */
  canSubscribe: boolean;
}

/**
 * The hard mute (and the hearing a block may pause): replaces the participant's whole
 * permission set so that, when `canPublish` is false, LiveKit unpublishes their microphone and
 * refuses to let them publish it again. Someone who has not connected to voice yet is fine:
 * tokens never carry the publish right, and the room re-applies this when LiveKit reports them joining.
 */
export async function setVoicePermission(
  rooms: RoomServiceClient,
  voiceRoom: string,
  identity: string,
  { canPublish, canSubscribe }: VoicePermission,
): Promise<void> {
  try {
    await rooms.updateParticipant(voiceRoom, identity, {
      permission: {
        canSubscribe,
        canPublish,
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
