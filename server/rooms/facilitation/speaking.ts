/** Who may publish audio right now: the one rule the room enforces at the LiveKit server. */
export interface SpeakerFacts {
  role: string;
  /** A facilitator muted this person and has not yet allowed them to speak. */
  mutedByFacilitator: boolean;
  /** Seated in the main circle or a breakout (not in the waiting room). */
  inVoiceSpace: boolean;
  /** In a facilitator's private conversation: the two talk freely, whatever the circle's mutes and round. */
  inPrivateTalk?: boolean;
}

export interface RoomFacts {
  /** Holder of the talking piece while a round runs; null when no round runs. */
  roundHolder: string | null;
  roundActive: boolean;
}

export function mayPublish(id: string, person: SpeakerFacts, room: RoomFacts): boolean {
  if (!person.inVoiceSpace) return false;
  if (person.role === "facilitator" || person.inPrivateTalk) return true;
  if (person.mutedByFacilitator) return false;
  if (room.roundActive) return room.roundHolder === id;
  return true;
}

/** Facilitator actions are for facilitators. */
export function mayFacilitate(role: string): boolean {
  return role === "facilitator";
}
