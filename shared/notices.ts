/**
 * Every notice the server sends (ServerMessage.Notice): its kind and its words, in one place,
 * keyed by kind so a translation is one table. A kind may take arguments (a seat, a name).
 */
/** Something that touched you, in kind words for the UI. */
export interface NoticeMessage {
  kind: string;
  message: string;
}

export const NoticeKinds = {
  // Seating and the session
  WaitingRoom: "waiting-room",
  Admitted: "admitted",
  Removed: "removed",
  Banned: "banned",
  SessionEnded: "session-ended",
  SessionTimeUp: "session-time-up",
  // Voice
  MutedByFacilitator: "muted-by-facilitator",
  AllowedToSpeak: "allowed-to-speak",
  // Facilitation and rounds
  AskedToUnmute: "asked-to-unmute",
  InvitedToSpeak: "invited-to-speak",
  HandLowered: "hand-lowered",
  MovedSeat: "moved-seat",
  SentToWaitingRoom: "sent-to-waiting-room",
  SentToBreakout: "sent-to-breakout",
  BroughtBack: "brought-back",
  PrivateTalkStarted: "private-talk-started",
  PrivateTalkEnded: "private-talk-ended",
  RoundWaiting: "round-waiting",
  HoldingPiece: "holding-piece",
  ShareTimeUp: "share-time-up",
  // Safety and chat
  ReportReceived: "report-received",
  Blocked: "blocked",
  Unblocked: "unblocked",
  VoicePausedApart: "voice-paused-apart",
  VoiceResumedApart: "voice-resumed-apart",
  ChatPaused: "chat-paused",
  ChatResumed: "chat-resumed",
  // Crisis assist and the chat cool-down
  SupportRequestReceived: "support-request-received",
  ChatCoolDown: "chat-cool-down",
  ChatCoolDownLifted: "chat-cool-down-lifted",
} as const;
export type NoticeKindName = (typeof NoticeKinds)[keyof typeof NoticeKinds];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The words of each kind (English); the arguments are what the words need. */
export const noticeTexts = {
  "waiting-room": () => "Welcome. The circle is settling in: a facilitator will let you in shortly. Take your time.",
  admitted: () => "Welcome in. Take a seat by the fire.",
  removed: () => "A facilitator has asked you to leave this session.",
  banned: () => "You can no longer take part in this circle.",
  "session-ended": (by: "facilitator" | "schedule") =>
    by === "facilitator"
      ? "The facilitator has ended the session. Thank you for being here."
      : "The session has come to its end. Thank you for being here.",
  "session-time-up": (minutes: number) =>
    minutes >= 1
      ? `The session's time is up. The circle closes in ${plural(Math.round(minutes), "minute")}: take the time to finish and say goodbye.`
      : "The session's time is up. The circle closes in a moment.",
  "muted-by-facilitator": () => "The facilitator has muted you for now.",
  "allowed-to-speak": () => "You can speak again whenever you're ready. Unmute yourself when you want to.",
  "asked-to-unmute": () => "The facilitator invites you to unmute when you're ready.",
  "invited-to-speak": () => "The facilitator invites you to speak. Unmute when you're ready.",
  "hand-lowered": () => "The facilitator lowered your hand.",
  "moved-seat": (seat: number) => `The facilitator moved you to seat ${seat + 1}.`,
  "sent-to-waiting-room": () => "The facilitator asked you to wait in the waiting room for a moment. You'll be let back in soon.",
  "sent-to-breakout": (name: string) => `You're in the breakout circle "${name}" for now.`,
  "brought-back": () => "You're back in the main circle.",
  "private-talk-started": (with_: string) =>
    `You're talking privately with ${with_}. Only the two of you can hear and read each other; nobody else in the circle can.`,
  "private-talk-ended": () => "The private conversation has ended. You're back where you were.",
  "round-waiting": () => "A talking-piece round is on: you can speak when the piece reaches you.",
  "holding-piece": (muted: boolean) =>
    muted
      ? "The talking piece is with you. You're muted for now: the facilitator can let you speak, or pass it on."
      : "The talking piece is with you. Share what you wish, or pass it on. Unmute when you're ready.",
  "share-time-up": () => "Your time is gently up. Finish your thought when you're ready, then pass the piece on.",
  "report-received": (category: string, target: string, facilitatorsHere: boolean) =>
    facilitatorsHere
      ? `Thank you. The facilitators have your report (${category}), privately. ${target} is muted for you.`
      : `Thank you. No facilitator is here right now; your report waits for the first one who joins this session. ${target} is muted for you.`,
  blocked: (target: string) => `You won't see or hear ${target} any more, and they won't see or hear you, here or in later circles.`,
  unblocked: () => "Unblocked.",
  "voice-paused-apart": () =>
    "The circle's voice is paused for you for now: the app of someone you're kept apart from cannot keep their voice from you on its own. It comes back when they leave voice.",
  "voice-resumed-apart": () => "You can hear the circle again.",
  "chat-paused": () => "The facilitator has paused the chat for now.",
  "chat-resumed": () => "The chat is open again.",
  "support-request-received": (facilitatorsHere: boolean) =>
    facilitatorsHere
      ? "The facilitators know, privately, that you'd like to talk. One of them will reach out to you. Nobody else was told."
      : "No facilitator is here right now. Your request waits for the first one who joins this session; the crisis lines are there any time.",
  "chat-cool-down": (seconds: number) =>
    `Your chat is paused for ${seconds} seconds: several of your messages were caught by the filter. Take a breath; you can write again soon.`,
  "chat-cool-down-lifted": () => "A facilitator lifted your chat pause: you can write again.",
} satisfies Record<NoticeKindName, (...args: never[]) => string>;

type Texts = typeof noticeTexts;

/** The notice of `kind`, in words. */
export function notice<K extends NoticeKindName>(kind: K, ...args: Parameters<Texts[K]>): NoticeMessage {
  const text = noticeTexts[kind] as (...a: Parameters<Texts[K]>) => string;
  return { kind, message: text(...args) };
}
