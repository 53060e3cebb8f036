import { z } from "zod";
import { AVATAR_COLORS, AVATAR_STYLES } from "./avatar.ts";
import { FRAME_BYTES_HEAD_ONLY, FRAME_BYTES_WITH_HANDS } from "./pose-codec.ts";
import { PARTICIPANT_KEY_PATTERN } from "./participant-key.ts";
import { facilitatorActionSchema, leavePrivateTalkSchema, passPieceSchema } from "./facilitation.ts";
import { ClientMessage, type ClientMessageType } from "./protocol.ts";
import { chatModerateSchema, chatSendSchema } from "./chat.ts";
import { blockSchema, reportResolveSchema, reportSchema, voiceBlocksAppliedSchema } from "./safety.ts";
import { checkInSchema } from "./checkins.ts";
import { supportRequestSchema } from "./crisis-support.ts";
import { captionSendSchema } from "./captions.ts";
import { voiceMarksSchema } from "./voice-features.ts";
import { voiceKeyPublishSchema, voiceKeyShareSchema } from "./voice-keys.ts";
import { checkPseudonym } from "./pseudonym.ts";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "./text.ts";
import { plainToken } from "./text-schemas.ts";

export const pseudonymSchema = z.string({ error: "Please choose a pseudonym." }).transform((raw, ctx) => {
  const check = checkPseudonym(raw);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", message: check.reason });
    return z.NEVER;
  }
  return check.value;
});

export const avatarColorSchema = z.enum(AVATAR_COLORS, {
  error: "Please pick one of the offered avatar colours.",
});

export const avatarStyleSchema = z.enum(AVATAR_STYLES, {
  error: "Please pick one of the offered avatar styles.",
});

/**
 * What a client passes to `joinById` / `joinOrCreate`.
 * - The open circle: `{ circleId, pseudonym, color }`.
 * - A scheduled session: `{ circleId, sessionId, participantKey, registrationId?, color }`; the
 *   pseudonym is the one registered. Invite-link holders add `inviteToken` and a `pseudonym`.
 *   Facilitators send `{ circleId, sessionId, color }` and are recognised by their sign-in cookie.
 */
export const joinOptionsSchema = z.object({
  circleId: plainToken(64, "The circle id"),
  sessionId: plainToken(80, "The session id").optional(),
  participantKey: z.string().regex(PARTICIPANT_KEY_PATTERN, "The participant key is not valid.").optional(),
  registrationId: plainToken(64, "The registration id").optional(),
  inviteToken: plainToken(128, "The invitation token").optional(),
  pseudonym: pseudonymSchema.optional(),
  color: avatarColorSchema,
  /** Body and head shape (shared/avatar.ts); optional, older clients get the default. */
  avatarStyle: avatarStyleSchema.optional(),
  /** The open circle's facilitator key (FACILITATOR_KEY), until facilitators have accounts there. */
  facilitatorKey: z.string().min(1).max(256).refine((key) => !hasControlCharacters(key), CONTROL_CHARACTERS_MESSAGE).optional(),
}).strict();
export type JoinOptions = z.input<typeof joinOptionsSchema>;

const poseBytesSchema = z
  .instanceof(Uint8Array, { message: "A pose must be sent as bytes (sendBytes)." })
  .refine((b) => b.length === FRAME_BYTES_HEAD_ONLY || b.length === FRAME_BYTES_WITH_HANDS, {
    message: `A pose frame is ${FRAME_BYTES_HEAD_ONLY} or ${FRAME_BYTES_WITH_HANDS} bytes.`,
  });

/** Payload schema of every client message, by message name. */
export const clientMessageSchemas = {
  [ClientMessage.Pose]: poseBytesSchema,
  [ClientMessage.RaiseHand]: z.object({ raised: z.boolean() }).strict(),
  [ClientMessage.Away]: z.object({ away: z.boolean() }).strict(),
  [ClientMessage.SelfMute]: z.object({ muted: z.boolean() }).strict(),
  [ClientMessage.VoiceTicket]: z.object({}).strict(),
  [ClientMessage.Facilitate]: facilitatorActionSchema,
  [ClientMessage.PassPiece]: passPieceSchema,
  [ClientMessage.LeavePrivateTalk]: leavePrivateTalkSchema,
  [ClientMessage.Chat]: chatSendSchema,
  [ClientMessage.ChatModerate]: chatModerateSchema,
  [ClientMessage.Block]: blockSchema,
  [ClientMessage.Unblock]: blockSchema,
  [ClientMessage.VoiceBlocksApplied]: voiceBlocksAppliedSchema,
  [ClientMessage.Report]: reportSchema,
  [ClientMessage.ReportResolve]: reportResolveSchema,
  [ClientMessage.SupportRequest]: supportRequestSchema,
  [ClientMessage.VoiceKeyPublish]: voiceKeyPublishSchema,
  [ClientMessage.VoiceKeyShare]: voiceKeyShareSchema,
  [ClientMessage.VoiceMarks]: voiceMarksSchema,
  [ClientMessage.Caption]: captionSendSchema,
  [ClientMessage.CheckIn]: checkInSchema,
  [ClientMessage.CheckInTicket]: z.object({}).strict(),
} satisfies Record<ClientMessageType, z.ZodType>;

export type ClientMessageName = keyof typeof clientMessageSchemas;

export type ClientPayload<K extends keyof typeof clientMessageSchemas> = z.output<
  (typeof clientMessageSchemas)[K]
>;

/** First human-readable problem in a zod error, for error replies. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid input.";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

