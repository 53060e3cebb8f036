import { z } from "zod";
import { CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "./limits.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "./account-rules.ts";
import { PARTICIPANT_KEY_PATTERN } from "./participant-key.ts";
import { pseudonymSchema } from "./schemas.ts";
import { GUIDE_TEMPLATE_IDS } from "./guide-templates.ts";
import { circleGuideSchema } from "./guides.ts";
import { canonicalTimeZone } from "./time-zones.ts";
import { forGroupSchema } from "./topics.ts";

/**
 * Request bodies of the scheduling API, shared by the server (validation) and the client (forms).
 * Every object is strict: an unknown or misspelt field is a 400 naming it (shared/unknown-fields.ts).
 */

/** An IANA time zone, normalised to its canonical spelling; offsets and unknown names are refused. */
export const timeZoneSchema = z
  .string({ error: "Choose a time zone." })
  .max(64, "That time zone name is too long.")
  .transform((value, ctx) => {
    const checked = canonicalTimeZone(value);
    if (checked.ok) return checked.zone;
    ctx.addIssue({ code: "custom", message: checked.reason });
    return z.NEVER;
  });

export const participantKeySchema = z
  .string({ error: "A participant key is needed (the X-Participant-Key header)." })
  .regex(PARTICIPANT_KEY_PATTERN, "The participant key is not valid.");

export const emailSchema = z
  .string({ error: "Please enter an email address." })
  .trim()
  .max(200, "That email address is too long.")
  .pipe(z.email({ error: "Please enter a valid email address." }));

export const newPasswordSchema = z
  .string({ error: "Please choose a password." })
  .min(PASSWORD_MIN, `A password needs at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password can have at most ${PASSWORD_MAX} characters.`);

export const displayNameSchema = z
  .string({ error: "Please enter a name." })
  .trim()
  .min(1, "Please enter a name.")
  .max(60, "A name can have at most 60 characters.");

export const signInSchema = z.strictObject({
  email: z.string({ error: "Please enter your email address." }).trim().min(1, "Please enter your email address.").max(200),
  password: z.string({ error: "Please enter your password." }).min(1, "Please enter your password.").max(200),
});

export const newAccountSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  displayName: displayNameSchema,
});

export const TOPIC_TAG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N} -]{0,29}$/u;
export const topicTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TOPIC_TAG_PATTERN, "A topic is 1–30 letters, digits, spaces or hyphens.");

export const languageSchema = z
  .string({ error: "Please choose a language." })
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Use a language code such as en, fr or pt-BR.");

export const circleInputSchema = z.strictObject({
  title: z.string({ error: "Please give the circle a title." }).trim().min(1, "Please give the circle a title.").max(80, "A title can have at most 80 characters."),
  description: z.string().trim().max(2000, "A description can have at most 2000 characters.").default(""),
  topicTags: z.array(topicTagSchema).max(8, "Choose at most 8 topics.").default([]),
  /** For one group only ("for fathers"): a curated group topic, or null for anyone. */
  forGroup: forGroupSchema.default(null),
  language: languageSchema,
  agreements: z.string().trim().max(4000, "Community agreements can have at most 4000 characters.").default(""),
  capacity: z.coerce
    .number({ error: "Capacity must be a number." })
    .int("Capacity must be a whole number.")
    .min(CIRCLE_CAPACITY_MIN, `A circle needs at least ${CIRCLE_CAPACITY_MIN} places.`)
    .max(CIRCLE_CAPACITY_MAX, `A circle has at most ${CIRCLE_CAPACITY_MAX} places.`),
  visibility: z.enum(["public", "invite"], { error: "Choose public or invite-only." }),
  facilitatorIds: z.array(z.string().min(1).max(64)).max(10, "Choose at most 10 facilitators.").default([]),
  /** The facilitator's guide (shared/guides.ts); null for none. */
  guide: circleGuideSchema.nullable().default(null),
  /**
   * A built-in template (shared/guide-templates.ts) to start the guide from, in the circle's
   * language, when no `guide` is given: the circle keeps its own copy, which the host may edit.
   */
  template: z.enum(GUIDE_TEMPLATE_IDS, { error: () => `Choose one of the templates: ${GUIDE_TEMPLATE_IDS.join(", ")}.` }).optional(),
});
export type CircleInput = z.input<typeof circleInputSchema>;
export const circlePatchSchema = circleInputSchema.partial();

export const REPEATS = ["once", "weekly", "biweekly", "monthly", "custom"] as const;
export type Repeat = (typeof REPEATS)[number];

export const seriesInputSchema = z
  .strictObject({
    repeat: z.enum(REPEATS, { error: "Choose how often the session repeats." }),
    /** RRULE text, for repeat "custom" only. */
    rrule: z.string().max(200).optional(),
    startDate: z.iso.date({ error: "Choose the first date (YYYY-MM-DD)." }),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a start time (HH:MM)."),
    timeZone: timeZoneSchema,
    durationMinutes: z.coerce.number().int().min(15, "A session lasts at least 15 minutes.").max(480, "A session lasts at most 8 hours."),
    lobbyOpenMinutes: z.coerce.number().int().min(0, "The lobby cannot open after the start.").max(120, "The lobby opens at most 2 hours early.").default(10),
    /** Last date (local, inclusive) of a recurring series; open-ended when absent. */
    endDate: z.iso.date({ error: "Use YYYY-MM-DD." }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.repeat === "custom" && !v.rrule) ctx.addIssue({ code: "custom", path: ["rrule"], message: "Enter a recurrence rule." });
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The last date is before the first." });
  });
export type SeriesInput = z.input<typeof seriesInputSchema>;

export const sessionCapacitySchema = z
  .number({ error: "Capacity must be a number." })
  .int("Capacity must be a whole number.")
  .min(CIRCLE_CAPACITY_MIN, `A session needs at least ${CIRCLE_CAPACITY_MIN} places.`)
  .max(CIRCLE_CAPACITY_MAX, `A session has at most ${CIRCLE_CAPACITY_MAX} places.`);

export const sessionChangeSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("skip") }),
    z.strictObject({ action: z.literal("cancel") }),
    z.strictObject({ action: z.literal("restore") }),
    z.strictObject({ action: z.literal("move"), start: z.iso.datetime({ offset: true, error: "Give the new start as an ISO date and time." }) }),
    /** This session's own number of places; null goes back to the circle's. */
    z.strictObject({ action: z.literal("capacity"), capacity: sessionCapacitySchema.nullable() }),
  ],
  { error: "Choose skip, cancel, restore, move or capacity." },
);

export const registrationInputSchema = z.strictObject({
  pseudonym: pseudonymSchema,
  participantKey: participantKeySchema.optional(),
  /** The invite-link token, for an invite-only circle. */
  invite: z.string().max(128).optional(),
});

export const invitationInputSchema = z.strictObject({
  circleId: z.string().min(1).max(64).optional(),
});

/**
 * Reminders in a calendar file, minutes before the start: "60,10" (the default), "none", or up
 * to three values from 0 to 10080 (a week). Read from the `alarms` query parameter.
 */
export const ALARM_DEFAULT_MINUTES = [60, 10] as const;
export const alarmsSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    if (value.trim().toLowerCase() === "none") return [];
    const parts = value.split(",").map((p) => p.trim());
    const minutes = parts.map(Number);
    if (parts.length > 3 || parts.some((p) => !/^\d{1,5}$/.test(p)) || minutes.some((m) => m > 10080)) {
      ctx.addIssue({ code: "custom", message: 'Use alarms=none or up to three minute counts from 0 to 10080, such as alarms=60,10.' });
      return z.NEVER;
    }
    return [...new Set(minutes)].sort((a, b) => b - a);
  });

export const calendarQuerySchema = z.strictObject({
  alarms: alarmsSchema.optional(),
  invite: z.string().max(128).optional(),
});
