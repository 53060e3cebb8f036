/** Message names exchanged between the client and the CircleRoom. */
export const ClientMessage = {
  Pose: "pose",
  RaiseHand: "raiseHand",
  Away: "away",
  SelfMute: "selfMute",
} as const;
export type ClientMessageType = (typeof ClientMessage)[keyof typeof ClientMessage];

export const ServerMessage = {
  /** A message of yours was refused; nothing changed. */
  Error: "error",
  /** Something touched you (kind words for the UI). */
  Notice: "notice",
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

export interface NoticeMessage {
  kind: string;
  message: string;
}

/** Close codes the server uses when it ends a connection on purpose. */
export const CloseCode = {
  SessionEnded: 4100,
  Removed: 4101,
} as const;
