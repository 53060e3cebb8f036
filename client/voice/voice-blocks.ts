import type { RemoteParticipant, RemoteTrackPublication, Room } from "livekit-client";
import { ClientMessage } from "../../shared/protocol.ts";
import { MAX_APART_LISTED, type VoiceBlocksApplied } from "../../shared/safety.ts";
import { connection } from "../net/connection.ts";
import { safety } from "../safety/session.ts";

/**
 * Blocks in voice, the client's part (the server's is its voice-blocks.ts, used by the voice service): the SFU
 * refuses anyone we are kept apart from a subscription to our microphone
 * (setTrackSubscriptionPermissions, which LiveKit enforces against any client, modified or not),
 * and we never subscribe to theirs, and we tell the room we did (VoiceBlocksApplied, for this
 * LiveKit connection). With nobody kept apart, everyone may subscribe as usual.
 */
export function attachVoiceBlocks(lk: Room, { RoomEvent }: typeof import("livekit-client")): void {
  const apply = () => {
    const hidden = new Set(safety.getState().hidden);
    if (hidden.size === 0) {
      lk.localParticipant.setTrackSubscriptionPermissions(true);
    } else {
      const allowed = [...lk.remoteParticipants.values()]
        .filter((p) => !hidden.has(p.identity))
        .map((p) => ({ participantIdentity: p.identity, allowAll: true }));
      lk.localParticipant.setTrackSubscriptionPermissions(false, allowed);
      // The server pauses the hearing of those kept apart from us until we say this (server/rooms/voice-apart.ts).
      if (lk.localParticipant.sid) {
        const applied: VoiceBlocksApplied = { sid: lk.localParticipant.sid, hidden: [...hidden].slice(0, MAX_APART_LISTED) };
        connection.getState().room?.send(ClientMessage.VoiceBlocksApplied, applied);
      }
    }
    for (const participant of lk.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) subscribeUnlessHidden(participant, publication, hidden);
    }
  };
  const onPublished = (publication: RemoteTrackPublication, participant: RemoteParticipant) =>
    subscribeUnlessHidden(participant, publication, new Set(safety.getState().hidden));
  const unsubscribe = safety.subscribe((s, prev) => {
    if (s.hidden !== prev.hidden) apply();
  });
  lk.on(RoomEvent.Connected, apply)
    .on(RoomEvent.Reconnected, apply)
    .on(RoomEvent.ParticipantConnected, apply)
    .on(RoomEvent.TrackPublished, onPublished)
    .on(RoomEvent.TrackSubscribed, (_track, publication, participant) => onPublished(publication, participant))
    .once(RoomEvent.Disconnected, unsubscribe);
}

function subscribeUnlessHidden(participant: RemoteParticipant, publication: RemoteTrackPublication, hidden: Set<string>): void {
  if (publication.kind !== ("audio" as RemoteTrackPublication["kind"])) return; // Track.Kind.Audio
  const wanted = !hidden.has(participant.identity);
  if (publication.isDesired !== wanted) publication.setSubscribed(wanted);
}
