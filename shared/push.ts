import { z } from "zod";
import { participantKeySchema } from "./scheduling-schemas.ts";

/**
 * Web Push reminders and notices: request bodies, replies and the payload a service worker gets.
 * A subscription is tied to a participant key's hash only; payloads never carry a pseudonym or a
 * circle's title, only what the person needs ("Your circle starts in 1 hour") and a link.
 */

/** Minutes before a registered session that a reminder goes out, unless the participant chose otherwise. */
export const REMINDER_DEFAULT_MINUTES: readonly number[] = [60, 10];
export const REMINDER_MAX_COUNT = 4;
/** A reminder at most a week ahead. */
export const REMINDER_MAX_MINUTES = 7 * 24 * 60;
export const PUSH_ENDPOINT_MAX = 2048;
/** Browsers (devices) per participant key; a new one past this replaces the oldest. */
export const PUSH_SUBSCRIPTIONS_PER_KEY = 10;

/** base64url (padding tolerated) decoding to exactly `bytes` bytes. */
const base64urlBytes = (bytes: number, what: string) =>
  z
    .string({ error: `${what} is needed.` })
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url.`)
    .refine((s) => Math.floor((s.replace(/=+$/, "").length * 6) / 8) === bytes, `${what} must be ${bytes} bytes.`);

/** What `PushSubscription.toJSON()` gives in a browser, as sent to POST /api/push/subscriptions. */
export const pushSubscriptionInputSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/, error: "The endpoint must be the push service's URL." })
    .max(PUSH_ENDPOINT_MAX, "The endpoint is too long."),
  expirationTime: z.number().int().nonnegative().nullable().optional(),
  keys: z.strictObject({
    p256dh: base64urlBytes(65, "keys.p256dh"),
    auth: base64urlBytes(16, "keys.auth"),
  }),
  participantKey: participantKeySchema.optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInputSchema>;

/** DELETE /api/push/subscriptions: one endpoint's subscription, or (no endpoint) all of the key's. */
export const pushUnsubscribeInputSchema = z.strictObject({
  endpoint: z.string().max(PUSH_ENDPOINT_MAX, "The endpoint is too long.").optional(),
  participantKey: participantKeySchema.optional(),
});

export const reminderMinutesSchema = z
  .array(
    z
      .number({ error: "Each reminder is a number of minutes." })
      .int("Each reminder is a whole number of minutes.")
      .min(1, "A reminder comes at least 1 minute before.")
      .max(REMINDER_MAX_MINUTES, "A reminder comes at most a week before."),
  )
  .max(REMINDER_MAX_COUNT, `Choose at most ${REMINDER_MAX_COUNT} reminders.`)
  .refine((list) => new Set(list).size === list.length, "Each reminder time once.");

/** PUT /api/push/preferences: an empty list turns reminders off (notices of changes still come). */
export const pushPreferencesInputSchema = z.strictObject({
  reminderMinutes: reminderMinutesSchema,
  participantKey: participantKeySchema.optional(),
});
export type PushPreferencesInput = z.infer<typeof pushPreferencesInputSchema>;

export interface PushPublicKeyResponse {
  /** The VAPID public key (base64url), the `applicationServerKey` for `pushManager.subscribe`. */
  publicKey: string;
}

export interface PushSubscriptionView {
  id: string;
  /** Only the push service's host, e.g. "fcm.googleapis.com". */
  pushService: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface PushSubscriptionResponse {
  subscription: PushSubscriptionView;
}

export interface PushPreferences {
  reminderMinutes: number[];
}

export const NOTICE_KINDS = ["reminder", "moved", "cancelled", "restored", "promoted"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The decrypted push message a service worker receives. */
export interface PushPayload {
  v: 1;
  /** The notice's id: also the notification's tag, so a repeat replaces rather than doubles. */
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** Same-origin path to open on click, e.g. "/sessions/abc-20260305T190000Z". */
  url: string;
  /** The session's start (ISO), when the notice is about one. */
  start?: string;
}
