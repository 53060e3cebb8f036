import type { RemoteParticipant, RemoteTrackPublication, Room } from "livekit-client";
import { safety } from "../safety/session.ts";

/**
 * Blocks in voice, the client's part (the server's is its voice-blocks.ts, used by the voice service): the SFU
 * refuses anyone we are kept apart from a subscription to our microphone
 * (setTrackSubscriptionPermissions, which LiveKit enforces against any client, modified or not),
 * and we never subscribe to theirs. With nobody kept apart, everyone may subscribe as usual.
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
