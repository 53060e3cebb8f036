/**
 * Blocks in voice, the server's part. LiveKit's server API has no per-pair subscription
 * permission: `updateParticipant` can only take `canSubscribe` away from someone entirely, and a
 * subscription permission per listener is set by the *publisher's own client*
 * (`setTrackSubscriptionPermissions`, enforced by the SFU). So:
 *
 * 1. the server unsubscribes each side of a blocked pair from the other's audio tracks at the
 *    SFU (RoomServiceClient.updateSubscriptions), when the block is made, whenever either of them
 *    joins voice or publishes a track, and every VOICE_APART_RECONCILE_MS while both are in the
 *    same space, so a client that subscribes again anyway is cut off again within that time;
 * 2. each side's client is told whom it is kept apart from (ServerMessage.Blocks) and denies
 *    them its microphone with track subscription permissions, which the SFU enforces against
 *    any client, modified or not (client/voice/voice-blocks.ts), and confirms it to the room;
 * 3. each client never plays audio from someone it is kept apart from.
 */
import { type ParticipantInfo, type RoomServiceClient, TrackType } from "livekit-server-sdk";
import { isNotFound } from "./permissions.ts";

/** LiveKit's participants of a voice room; none when the room does not exist (yet). */
export async function voiceParticipants(rooms: RoomServiceClient, voiceRoom: string): Promise<ParticipantInfo[]> {
  try {
    return await rooms.listParticipants(voiceRoom);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

/** Audio track ids `identity` publishes, from a listing. */
export function audioTracksOf(participants: ParticipantInfo[], identity: string): string[] {
  const participant = participants.find((p) => p.identity === identity);
  return (participant?.tracks ?? []).filter((t) => t.type === TrackType.AUDIO).map((t) => t.sid);
}

/**
 * Unsubscribes each of `pairs` from the other's audio in `voiceRoom`. A side that is not in
 * voice (or publishes nothing) is fine: the room calls this again when that changes.
 */
export async function unsubscribePairs(
  rooms: RoomServiceClient,
  voiceRoom: string,
  pairs: [string, string][],
  participants: ParticipantInfo[],
): Promise<void> {
  const present = new Set(participants.map((p) => p.identity));
  const calls: Promise<void>[] = [];
  for (const [a, b] of pairs) {
    for (const [listener, speaker] of [[a, b], [b, a]] as const) {
      if (!present.has(listener)) continue;
      const tracks = audioTracksOf(participants, speaker);
      if (tracks.length === 0) continue;
      calls.push(
        rooms.updateSubscriptions(voiceRoom, listener, tracks, false).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        }),
      );
    }
  }
  await Promise.all(calls);
}
