/**
 * Crisis-aware assist on the wire. The detector (shared/crisis/detector.ts) runs on the writer's
 * device before a chat message is sent and again in the room; neither side ever puts the text in
 * a flag, a log or the store.
 */
import { z } from "zod";
import { CRISIS_CATEGORIES, type CrisisCategory } from "./crisis/types.ts";

/** Payload of ClientMessage.SupportRequest: "talk to the facilitator privately". */
export const supportRequestSchema = z
  .object({
    /** Where the person asked from (for the facilitator's wording only). */
    from: z.enum(["crisis-panel", "chat-check", "menu"]).default("menu"),
    /** The category the writer's own device saw, if they asked from the pre-send check. */
    category: z.enum(CRISIS_CATEGORIES).optional(),
  })
  .strict();
export type SupportRequest = z.input<typeof supportRequestSchema>;

/** Support requests one participant may send per window (more are answered "they already know"). */
export const SUPPORT_REQUESTS_PER_WINDOW = 2;
export const SUPPORT_REQUEST_WINDOW_MS = 5 * 60_000;
/** A chat flag for the same person and category reaches the facilitators at most once per this time. */
export const SUPPORT_FLAG_REPEAT_MS = 10 * 60_000;

/** Payload of ServerMessage.SupportFlag: sent to the session's facilitators only. Never stored. */
export interface SupportFlag {
  id: string;
  /** ms since the epoch, server clock. */
  at: number;
  /** Who may need support. A facilitator can open a private conversation with them from here. */
  participantId: string;
  pseudonym: string;
  /** What the detector saw; absent when the person asked without one. */
  category?: CrisisCategory;
  /**
   * "chat": the room's detector saw it in a message they sent; "request": they asked to talk
   * privately; "check-in": their check-in asked for someone to check in with them.
   */
  source: "chat" | "request" | "check-in";
}

/** Payload of ServerMessage.SupportOffer, to the writer only. */
export interface SupportOffer {
  category: CrisisCategory;
}

/** The gentle words shown with the resources, by category. */
export const SUPPORT_OFFER_TEXT: Record<CrisisCategory, string> = {
  "self-harm":
    "It sounds like things might be really hard right now. You don't have to go through this alone: the people below are there for exactly this, any time.",
  "harm-to-others":
    "It sounds like you're carrying something heavy and maybe frightening. Talking to someone now can help keep you and others safe.",
  abuse: "It sounds like you might not be safe. What is happening to you is not your fault, and there are people who can help.",
  distress: "It sounds like this is a lot right now. You're not alone, and you can reach someone to talk to straight away.",
};
