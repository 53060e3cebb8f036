/**
 * A circle's referral directory: local counselling services, helplines and specialist services a
 * host recommends for the people of that circle, per country and language. Shown after a session
 * and from the crisis panel. The whole directory is fetched at once, so nobody can tell who
 * opened which entry.
 */
import { z } from "zod";

export const REFERRAL_KINDS = ["counselling", "helpline", "specialist", "peer-support", "emergency"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  counselling: "Counselling",
  helpline: "Helpline",
  specialist: "Specialist service",
  "peer-support": "Peer support",
  emergency: "Emergency",
};
export const REFERRAL_ENTRIES_MAX = 60;

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what} is empty.`).max(max, `${what} can have at most ${max} characters.`);

export const referralEntrySchema = z
  .object({
    name: text(120, "The name"),
    kind: z.enum(REFERRAL_KINDS),
    /** ISO 3166-1 alpha-2 ("GB"), or "*" for anywhere. */
    country: z.string().regex(/^(?:[A-Z]{2}|\*)$/, "Use an ISO country code such as GB, or * for anywhere."),
    /** ISO 639-1 codes of the languages the service works in ("en", "es"); empty for any. */
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, "Use a language code such as en or es."))
      .max(12)
      .default([]),
    description: text(400, "The description").optional(),
    phone: text(40, "The phone number").optional(),
    url: z.url({ protocol: /^https?$/, error: "Use a web address that starts with https:// or http://." }).max(300).optional(),
    hours: text(80, "The hours").optional(),
  })
  .strict();
export type ReferralEntry = z.infer<typeof referralEntrySchema>;

/** PUT body of a directory (whole: the host replaces it in one go). */
export const referralDirectoryInputSchema = z
  .object({
    entries: z.array(referralEntrySchema).max(REFERRAL_ENTRIES_MAX, `A directory can have at most ${REFERRAL_ENTRIES_MAX} entries.`),
  })
  .strict();
export type ReferralDirectoryInput = z.input<typeof referralDirectoryInputSchema>;

/** GET answer: the circle's own entries first, then the host's for all their circles. */
export interface ReferralDirectory {
  entries: ReferralEntry[];
  /** ISO time of the latest change; null when nobody configured one. */
  updatedAt: string | null;
}

/** Entries for a viewer: their country and language first, anywhere ("*") next, the rest last. */
export function orderReferrals(entries: ReferralEntry[], country: string, language: string): ReferralEntry[] {
  const rank = (e: ReferralEntry) =>
    (e.country === country ? 0 : e.country === "*" ? 2 : 4) + (e.languages.length === 0 || e.languages.includes(language) ? 0 : 1);
  return entries.map((e, i) => [e, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([e]) => e);
}
