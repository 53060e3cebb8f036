/** Message names exchanged between the client and the CircleRoom. */
export const ClientMessage = {
  Pose: "pose",
  RaiseHand: "raiseHand",
  Away: "away",
  SelfMute: "selfMute",
  /** Asks for a fresh voice ticket (payload `{}`); the room answers with ServerMessage.VoiceTicket. */
  VoiceTicket: "voiceTicket",
  /** A facilitator's action (shared/facilitation.ts); refused for everyone else. */
  Facilitate: "facilitate",
  /** The holder of the talking piece passes it on. */
  PassPiece: "passPiece",
  /** Either person in a private conversation (shared/facilitation.ts privateTalkSpace) ends it; payload `{}`. */
  LeavePrivateTalk: "leavePrivateTalk",
  /** Safety (shared/safety.ts, shared/chat.ts): validated and rate-limited like every message. */
  Chat: "chat",
  /** Facilitators: delete a chat message or pause the chat (chatModerateSchema). */
  ChatModerate: "chatModerate",
  Block: "block",
  Unblock: "unblock",
  /** My client made LiveKit refuse my microphone to those kept apart from me (voiceBlocksAppliedSchema). */
  VoiceBlocksApplied: "voiceBlocksApplied",
  Report: "report",
  /** Facilitators: take a report off the queue (reportResolveSchema). */
  ReportResolve: "reportResolve",
  /**
   * "Talk to the facilitator privately" (supportRequestSchema, shared/crisis-support.ts): reaches the
   * session's facilitators as a private SupportFlag. Rate-limited; never stored.
   */
  SupportRequest: "supportRequest",
  /** Encrypted voice (shared/voice-keys.ts): my ECDH public key (voiceKeyPublishSchema); it shows as `voiceKey` in my state. */
  VoiceKeyPublish: "voiceKeyPublish",
  /** From the epoch's keyer only: the new circle key wrapped for each member (voiceKeyShareSchema). Opaque to the server. */
  VoiceKeyShare: "voiceKeyShare",
  /** My voice is (not) disguised, I (do not) caption it (voiceMarksSchema, shared/voice-features.ts): the room sets the marks. */
  VoiceMarks: "voiceMarks",
  /** A caption line of my own voice, or a quick phrase (captionSendSchema, shared/captions.ts). Never stored. */
  Caption: "caption",
  /** An anonymous check-in before or after the session (checkInSchema, shared/checkins.ts): counted, never stored per person. */
  CheckIn: "checkIn",
  /** Asks for my check-in token (payload `{}`); the room answers with ServerMessage.CheckInToken. */
  CheckInTicket: "checkInTicket",
} as const;
export type ClientMessageType = (typeof ClientMessage)[keyof typeof ClientMessage];

export const ServerMessage = {
  /** A message of yours was refused; nothing changed. */
  Error: "error",
  /** Something touched you (kind words for the UI). */
  Notice: "notice",
  /** A seat ticket to trade for a LiveKit token (VoiceTicketMessage); sent after join, reconnection and on request. */
  VoiceTicket: "voiceTicket",
  /** A chat message for you (ChatMessage, shared/chat.ts). Never stored. */
  Chat: "chat",
  /** A facilitator deleted a chat message (ChatDeletedMessage). */
  ChatDeleted: "chatDeleted",
  /** Who is kept apart from you by a block (BlocksMessage, shared/safety.ts). */
  Blocks: "blocks",
  /** Facilitators only: a report about a participant (ReportForFacilitators). */
  Report: "report",
  /** Facilitators only: a report was dealt with (ReportResolvedMessage). */
  ReportResolved: "reportResolved",
  /** Bytes, after each state patch: the poses you have not received yet (shared/pose-relay.ts). */
  Poses: "poses",
  /** Facilitators only: someone may need support (SupportFlag, shared/crisis-support.ts). Never the chat text. */
  SupportFlag: "supportFlag",
  /** To the writer only: their message showed crisis language; show them the crisis resources (SupportOffer). */
  SupportOffer: "supportOffer",
  /** To the writer and the facilitators: a chat cool-down began or ended (ChatCoolDownMessage, shared/chat.ts). */
  ChatCoolDown: "chatCoolDown",
  /** To each member of a space: the people there changed, a new voice key is on its way (VoiceKeyRotation, shared/voice-keys.ts). */
  VoiceKeyRotate: "voiceKeyRotate",
  /** To one member: the circle key wrapped for them by the keyer (VoiceKeyDelivery). */
  VoiceKeyDeliver: "voiceKeyDeliver",
  /** A caption line or quick phrase to show at the speaker's avatar (CaptionLine, shared/captions.ts). Never stored. */
  Caption: "caption",
  /** To one participant, when they ask or check in: the token for the after-session check-in and what they have checked in (CheckInTicket, shared/checkins.ts). */
  CheckInToken: "checkInToken",
} as const;

export const ROOM_NAME = "circle";

export const Roles = ["participant", "facilitator"] as const;
export type Role = (typeof Roles)[number];

export const Phases = ["arrival", "checkin", "sharing", "closing", "ended"] as const;
export type Phase = (typeof Phases)[number];

export const ErrorCodes = [
  "invalid_message",
  "unknown_message",
  "rate_limited",
  "not_allowed",
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export interface ErrorReply {
  code: ErrorCode;
  /** The message type that was refused. */
  type: string;
  message: string;
}

/** Notices (ServerMessage.Notice): kinds and words live in shared/notices.ts. */
export type { NoticeMessage } from "./notices.ts";
export { NoticeKinds as NoticeKind } from "./notices.ts";

/** Payload of ServerMessage.VoiceTicket. The ticket expires in about two minutes: ask for a fresh one to reconnect. */
export interface VoiceTicketMessage {
  ticket: string;
  /** The LiveKit room this circle session talks in. */
  room: string;
}

/** POST this path with `{ ticket }` (JSON) to get a LiveKit token: 200 VoiceTokenResponse, else `{ error }`. */
export const VOICE_TOKEN_PATH = "/api/voice/token";

export interface VoiceTokenResponse {
  /** The LiveKit server to connect to (ws:// or wss://). */
  url: string;
  token: string;
  room: string;
  /** Your LiveKit identity: your participant id (the Colyseus sessionId). */
  identity: string;
}

/** Close codes the server uses when it ends a connection on purpose. */
export const CloseCode = {
  SessionEnded: 4100,
  Removed: 4101,
  /** The server process is restarting: the client rejoins by itself once it answers again. */
  ServerRestart: 4102,
} as const;
