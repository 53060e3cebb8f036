/**
 * The one definition of the CircleRoom state's fields. The server's schema classes
 * (server/rooms/state.ts) implement these interfaces; the client's views of the decoded state
 * (client/net/state-view.ts) derive from them. Collections (the participants map, the hand queue)
 * are typed per side: schema collections on the server, read-only views on the client.
 */
import type { Phase, Role } from "./protocol.ts";

export interface ParticipantFields {
  id: string;
  pseudonym: string;
  role: Role;
  seat: number;
  color: string;
  /** Body and head shape (shared/avatar.ts). */
  avatarStyle: string;
  /** Names this participant in ServerMessage.Poses (shared/pose-relay.ts): poses travel beside the state. */
  poseId: number;
  muted: boolean;
  handRaised: boolean;
  away: boolean;
  /** False while a dropped connection may still come back. */
  connected: boolean;
  /** Server-enforced permission to speak (a facilitator's hard mute sets it false). */
  micAllowed: boolean;
  /** Whether LiveKit reports them in the voice room. */
  voiceConnected: boolean;
  /** Spaces.Main, Spaces.Waiting or breakoutSpace(name) (shared/facilitation.ts). */
  space: string;
  /** A facilitator muted this person and has not yet allowed them to speak. */
  mutedByFacilitator: boolean;
  /** ECDH P-256 public key for encrypted voice, base64url (server/rooms/voice-keys.ts); "" until the client sends one. */
  voiceKey: string;
  /** Their voice goes through a disguise (shared/voice-features.ts): everyone sees it marked. */
  disguised: boolean;
  /** They caption their own voice on their device (the room sets it from their voiceMarks message). */
  captions: boolean;
}

/** One step of the circle's facilitator guide (shared/guides.ts), as the state carries it. */
export interface GuideStepFields {
  technique: string;
  phase: string;
  title: string;
  /** For the facilitator: what to say or do. */
  prompt: string;
  /** For everyone in the circle: a short, calm card ("" for none). */
  card: string;
}

export interface CircleStateFields {
  circleId: string;
  title: string;
  capacity: number;
  phase: Phase;
  /** When the phase began, ms since the epoch (server clock; drives the facilitator's timer). */
  phaseStartedAt: number;
  /** Locked: new arrivals wait in the waiting room until a facilitator admits them. */
  locked: boolean;
  roundActive: boolean;
  /** Participant id holding the talking piece ("" between holders). */
  roundHolder: string;
  /** When the holder's gentle share timer runs out, ms since the epoch; 0 for no timer. */
  shareEndsAt: number;
  /** A facilitator paused the text chat. */
  chatPaused: boolean;
  /** The guide's step now running, -1 before the first (the guide itself is a collection: per side). */
  guideStep: number;
}

/** The roles by name, for code that asks "is this a facilitator?". */
export const RoleNames = { Participant: "participant", Facilitator: "facilitator" } as const satisfies Record<string, Role>;

/** The phases by name. */
export const PhaseNames = {
  Arrival: "arrival",
  CheckIn: "checkin",
  Sharing: "sharing",
  Closing: "closing",
  Ended: "ended",
} as const satisfies Record<string, Phase>;

export const isFacilitator = (p: Pick<ParticipantFields, "role"> | undefined): boolean => p?.role === RoleNames.Facilitator;
