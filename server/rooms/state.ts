import { ArraySchema, MapSchema, Schema, type, view } from "@colyseus/schema";
import type { CircleStateFields, GuideStepFields, ParticipantFields } from "../../shared/circle-state.ts";
import type { Phase, Role } from "../../shared/protocol.ts";

/** The seat number of someone without a seat (in the waiting room). */
export const NO_SEAT = 255;

/** Field types and meanings: shared/circle-state.ts (the client derives its view from the same definition). */
export class Participant extends Schema implements ParticipantFields {
  @type("string") id = "";
  @type("string") pseudonym = "";
  @type("string") role: Role = "participant";
  @type("uint8") seat = 0;
  @type("string") color = "";
  /** Body and head shape chosen in the lobby (shared/avatar.ts AVATAR_STYLES). */
  @type("string") avatarStyle = "pebble";
  /** Names this participant in ServerMessage.Poses: poses travel beside the state (server/rooms/pose-relay.ts). */
  @type("uint8") poseId = 0;
  @type("boolean") muted = false;
  @type("boolean") handRaised = false;
  @type("boolean") away = false;
  /** False while a dropped connection may still come back. */
  @type("boolean") connected = true;
  /** Server-enforced permission to speak (a facilitator's hard mute sets it false). */
  @type("boolean") micAllowed = true;
  /** Whether LiveKit reports them in the voice room (webhooks, checked against its listing: server/rooms/voice-presence.ts). */
  @type("boolean") voiceConnected = false;
  /** "main", "waiting" or "breakout:<name>" (shared/facilitation.ts). */
  @type("string") space = "main";
  /** A facilitator muted this person and has not yet allowed them to speak. */
  @type("boolean") mutedByFacilitator = false;
  /** ECDH P-256 public key for encrypted voice, base64url (server/rooms/voice-keys.ts); "" until the client sends one. */
  @type("string") voiceKey = "";
  /** Their voice goes through a disguise (shared/voice-features.ts): everyone sees it marked. */
  @type("boolean") disguised = false;
  /** They caption their own voice on their device. */
  @type("boolean") captions = false;
}

/** A step of the facilitator guide (shared/guides.ts): set once, when the room opens. */
export class GuideStepState extends Schema implements GuideStepFields {
  @type("string") technique = "";
  @type("string") phase = "";
  @type("string") title = "";
  @type("string") prompt = "";
  @type("string") card = "";
}

export class CircleState extends Schema implements CircleStateFields {
  @type("string") circleId = "";
  @type("string") title = "";
  @type("uint8") capacity = 12;
  @type("string") phase: Phase = "arrival";
  /** When the phase began, ms since the epoch (drives the facilitator's timer). */
  @type("float64") phaseStartedAt = 0;
  /** Locked: new arrivals wait in the waiting room until a facilitator admits them. */
  @type("boolean") locked = false;
  @type("boolean") roundActive = false;
  /** Participant id holding the talking piece ("" between holders). */
  @type("string") roundHolder = "";
  /** When the holder's gentle share timer runs out, ms since the epoch; 0 for no timer. */
  @type("float64") shareEndsAt = 0;
  /** Raised hands, in the order they went up. */
  @type(["string"]) handQueue = new ArraySchema<string>();
  /** A facilitator paused the text chat (server/rooms/chat.ts). */
  @type("boolean") chatPaused = false;
  /** The circle's facilitator guide, and the step now running (-1 before the first). */
  @type([GuideStepState]) guide = new ArraySchema<GuideStepState>();
  @type("int8") guideStep = -1;
  /**
   * Per-client: a client receives a participant only once it is in that client's StateView
   * (server/rooms/visibility.ts), so a pair kept apart by a block never gets each other's state.
   */
  @view() @type({ map: Participant }) participants = new MapSchema<Participant>();
}
