/**
 * Anonymous check-ins: before and after a session, one tap on a 5-point mood scale, and
 * "I'd like someone to check in with me". Stored only as counts per session and bucket, never
 * per person (server/checkins/); the "check in with me" tap reaches the facilitators privately.
 */
import { z } from "zod";

export const CHECKIN_MOMENTS = ["before", "after"] as const;
export type CheckInMoment = (typeof CHECKIN_MOMENTS)[number];

/** 1 (low) … 5 (good). */
export const MOOD_MIN = 1;
export const MOOD_MAX = 5;
export const MOODS = [1, 2, 3, 4, 5] as const;

const moment = z.enum(CHECKIN_MOMENTS, { error: "A check-in is 'before' or 'after' the session." });
const mood = z
  .number({ error: "A mood is a whole number from 1 to 5." })
  .int("A mood is a whole number from 1 to 5.")
  .min(MOOD_MIN, "A mood is a whole number from 1 to 5.")
  .max(MOOD_MAX, "A mood is a whole number from 1 to 5.");

/** Payload of ClientMessage.CheckIn, in the circle. */
export const checkInSchema = z
  .strictObject({ moment, mood: mood.nullable().default(null), wantsCheckIn: z.boolean().default(false) })
  .refine((c) => c.mood !== null || c.wantsCheckIn, { message: "Choose a mood, or ask for someone to check in with you.", path: ["mood"] });
export type CheckIn = z.input<typeof checkInSchema>;

/**
 * POST /api/checkins: the after-session check-in from the page shown once the circle has closed.
 * The token came from the room (ServerMessage.CheckInToken): it names the session, not the person.
 */
export const checkInPostSchema = z.strictObject({
  token: z.string().min(20).max(400).regex(/^[A-Za-z0-9._-]+$/, "That check-in link is not valid."),
  moment,
  mood,
});
export type CheckInPost = z.input<typeof checkInPostSchema>;

/** Payload of ServerMessage.CheckInToken, to each participant privately. */
export interface CheckInTicket {
  token: string;
  /** The moments already counted for this person in this session (so the card is not asked twice). */
  done: CheckInMoment[];
}

/** One session's counts: moods[m] = people who chose mood m+1. */
export interface CheckInCounts {
  moods: number[];
  wantsCheckIn: number;
}

/** GET /api/host/circles/:id/checkins: a circle's counts per session, oldest first. */
export interface CircleCheckIns {
  sessions: {
    /** The session's id, or "open:<UTC day>" for an always-open circle's day. */
    sessionKey: string;
    /** When the session started (or the day), ISO. */
    start: string;
    before: CheckInCounts;
    after: CheckInCounts;
  }[];
}

/** The average of a bucket count, or null when nobody answered. */
export function averageMood({ moods }: CheckInCounts): number | null {
  const n = moods.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  return moods.reduce((sum, count, i) => sum + count * (i + 1), 0) / n;
}
