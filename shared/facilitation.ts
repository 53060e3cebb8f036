import { z } from "zod";
import { CIRCLE_CAPACITY_MAX } from "./limits.ts";
import { Phases } from "./protocol.ts";
import { GUIDE_STEPS_MAX } from "./guides.ts";

/** The one message a facilitator's panel sends (ClientMessage.Facilitate); `action` picks the handler. */
export const FACILITATE_MESSAGE = "facilitate";
/** The holder of the talking piece passes it on (ClientMessage.PassPiece): a participant's action. */
export const PASS_PIECE_MESSAGE = "passPiece";

const target = z.string().min(1).max(64);
const seat = z.number().int().min(0).max(CIRCLE_CAPACITY_MAX - 1);
const breakout = z.string().regex(/^[a-z0-9-]{1,24}$/, "A breakout name is 1–24 lowercase letters, digits or dashes.");

/** Every facilitator action and its payload. Each is authorised by the server from the caller's role. */
export const facilitatorActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("mute"), target }).strict(),
  z.object({ action: z.literal("muteAll") }).strict(),
  z.object({ action: z.literal("allowToSpeak"), target }).strict(),
  z.object({ action: z.literal("askToUnmute"), target }).strict(),
  z.object({ action: z.literal("lowerHand"), target }).strict(),
  z.object({ action: z.literal("inviteToSpeak"), target }).strict(),
  z.object({ action: z.literal("moveSeat"), target, seat }).strict(),
  z.object({ action: z.literal("sendToWaitingRoom"), target }).strict(),
  z.object({ action: z.literal("admit"), target }).strict(),
  z.object({ action: z.literal("admitAll") }).strict(),
  z.object({ action: z.literal("sendToBreakout"), target, breakout }).strict(),
  z.object({ action: z.literal("bringBack"), target }).strict(),
  z.object({ action: z.literal("talkPrivately"), target }).strict(),
  z.object({ action: z.literal("remove"), target }).strict(),
  z.object({ action: z.literal("ban"), target }).strict(),
  z.object({ action: z.literal("lock") }).strict(),
  z.object({ action: z.literal("unlock") }).strict(),
  z.object({ action: z.literal("endSession") }).strict(),
  z.object({ action: z.literal("setPhase"), phase: z.enum(Phases) }).strict(),
  z.object({ action: z.literal("startRound"), shareSeconds: z.number().int().min(30).max(900).nullable() }).strict(),
  z.object({ action: z.literal("advanceRound") }).strict(),
  z.object({ action: z.literal("skipHolder") }).strict(),
  z.object({ action: z.literal("endRound") }).strict(),
  /** Go to a step of the circle's guide (shared/guides.ts): its phase begins, everyone sees its card. */
  z.object({ action: z.literal("guideStep"), step: z.number().int().min(0).max(GUIDE_STEPS_MAX - 1) }).strict(),
]);
export type FacilitatorAction = z.infer<typeof facilitatorActionSchema>;
export type FacilitatorActionName = FacilitatorAction["action"];

export const passPieceSchema = z.object({}).strict();
/** Either of the two ends a private conversation (ClientMessage.LeavePrivateTalk): both go back where they were. */
export const leavePrivateTalkSchema = z.object({}).strict();

/** Where a participant is: seated in the main circle, waiting to be admitted, or in a breakout. */
export const Spaces = { Main: "main", Waiting: "waiting" } as const;
export const breakoutSpace = (name: string) => `breakout:${name}`;
export const isBreakout = (space: string) => space.startsWith("breakout:");
/**
 * A facilitator's private 1:1 conversation with one participant: a space of two with its own voice
 * room at the SFU, its own chat and its own voice key. Nobody else sees or hears them meanwhile.
 * The id is the server's (lowercase, so the voice room's name maps back to it).
 */
export const privateTalkSpace = (id: string) => `private:${id}`;
export const isPrivateTalk = (space: string) => space.startsWith("private:");
