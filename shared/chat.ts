/**
 * Text chat in the circle: ephemeral. The server relays each message to the people in the
 * sender's space who can see the sender, and keeps nothing once it has sent it.
 */
import { z } from "zod";
import { normaliseText } from "./text.ts";
import { freeText } from "./text-schemas.ts";

export const CHAT_TEXT_MAX = 500;
/** Messages one participant may send per window before being asked to slow down. */
export const CHAT_RATE_MESSAGES = 5;
export const CHAT_RATE_WINDOW_MS = 10_000;
/** Messages the client keeps on screen; older ones are forgotten. */
export const CHAT_SHOWN_MAX = 100;

/** Trims, strips invisible characters (zero-width, bidi), keeps at most two consecutive line breaks. */
export function normaliseChatText(raw: string): string {
  return normaliseText(raw, { multiline: true });
}

export const chatSendSchema = z
  .object({
    text: freeText({ min: 1, max: CHAT_TEXT_MAX, what: "A message", required: "The message is empty.", multiline: true }),
  })
  .strict();
export type ChatSend = z.input<typeof chatSendSchema>;

/** How long repeated abuse pauses the writer's chat (a facilitator can lift it sooner). */
export const CHAT_COOL_DOWN_MS = 60_000;

/** Facilitators only: delete one message for everyone, pause and resume the chat, or lift someone's cool-down. */
export const chatModerateSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("delete"), messageId: z.string().min(1).max(32) }).strict(),
  z.object({ action: z.literal("pause"), paused: z.boolean() }).strict(),
  z.object({ action: z.literal("liftCoolDown"), participantId: z.string().min(1).max(64) }).strict(),
]);
export type ChatModerate = z.infer<typeof chatModerateSchema>;

/** Payload of ServerMessage.Chat. */
export interface ChatMessage {
  id: string;
  /** Sender's participant id. */
  from: string;
  /** Sender's pseudonym when sent (they may have left since). */
  pseudonym: string;
  /** As shown: slurs and abuse already masked by the server. */
  text: string;
  /** ms since the epoch, server clock. */
  at: number;
  /** Whether the server masked something in it. */
  masked: boolean;
  /** Sent by a facilitator. */
  facilitator: boolean;
}

/** Payload of ServerMessage.ChatDeleted. */
export interface ChatDeletedMessage {
  id: string;
}

/**
 * Payload of ServerMessage.ChatCoolDown, to the person cooled down and to the facilitators.
 * `remainingMs` 0: the cool-down is over (ran out or lifted by a facilitator).
 */
export interface ChatCoolDownMessage {
  participantId: string;
  remainingMs: number;
  /** Why it ended early; absent while it runs and when it simply ran out. */
  liftedBy?: "facilitator";
}
