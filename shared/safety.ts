/**
 * Participant safety on the wire: block, report, and what the server tells each side.
 * Payloads are validated with these schemas on the server; the client builds them from the same types.
 */
import { z } from "zod";
import { freeText } from "./text-schemas.ts";
import { DEFAULT_HELPLINES } from "./crisis/helplines.ts";

/** A participant id (the Colyseus sessionId). */
const participantId = z.string().min(1).max(64);

export const blockSchema = z.object({ target: participantId }).strict();
export type BlockRequest = z.infer<typeof blockSchema>;

/** At most this many people listed in one VoiceBlocksApplied (a circle is far smaller). */
export const MAX_APART_LISTED = 64;

/**
 * ClientMessage.VoiceBlocksApplied: "on my LiveKit connection `sid`, the SFU now refuses my
 * microphone to `hidden`" (LiveKit's track subscription permission). Until a participant's
 * client says so for someone kept apart from them, that person does not hear the voice room
 * (server/rooms/voice-apart.ts): a client that sets no permission cannot leak its voice.
 */
export const voiceBlocksAppliedSchema = z
  .object({
    sid: z.string().min(1).max(64),
    hidden: z.array(participantId).max(MAX_APART_LISTED),
  })
  .strict();
export type VoiceBlocksApplied = z.infer<typeof voiceBlocksAppliedSchema>;

export const REPORT_CATEGORIES = ["harassment", "hate", "sexual", "threat", "disruptive", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const REPORT_CATEGORY_LABELS: Record<ReportCategory, string> = {
  harassment: "Harassment or bullying",
  hate: "Hateful language or slurs",
  sexual: "Sexual or unwanted content",
  threat: "Threats or violence",
  disruptive: "Disrupting the circle",
  other: "Something else",
};
export const REPORT_NOTE_MAX = 500;

export const reportSchema = z
  .object({
    target: participantId,
    category: z.enum(REPORT_CATEGORIES),
    note: freeText({ max: REPORT_NOTE_MAX, what: "A note", multiline: true }).optional(),
  })
  .strict();
export type ReportRequest = z.infer<typeof reportSchema>;

export const reportResolveSchema = z.object({ reportId: z.string().min(1).max(64) }).strict();

/** Reports a participant may file in a row before being asked to wait (per minute). */
export const REPORTS_PER_MINUTE = 5;

/** Payload of ServerMessage.Blocks, sent to each side of a block whenever it changes. */
export interface BlocksMessage {
  /**
   * Participants hidden from you and you from them (either of you blocked the other): never
   * subscribe to their audio and deny them yours. Ids only.
   */
  hidden: string[];
  /** The people you blocked who are in this session now, for "unblock". */
  blocked: { id: string; pseudonym: string }[];
}

/** Payload of ServerMessage.Report: sent to the session's facilitators only. Never stored. */
export interface ReportForFacilitators {
  id: string;
  /** ms since the epoch, server clock. */
  at: number;
  /** The reporter; "" for a report the chat filter raised by itself. */
  reporterId: string;
  reporterPseudonym: string;
  targetId: string;
  targetPseudonym: string;
  category: ReportCategory;
  note: string;
  source: "participant" | "chat-filter";
}

export interface ReportResolvedMessage {
  id: string;
}

/** GET this for the deployment's crisis resources (CrisisResources). */
export const CRISIS_RESOURCES_PATH = "/api/crisis-resources";

export interface CrisisLine {
  name: string;
  /** A phone number, text number or short code, as people dial it. */
  contact?: string;
  url?: string;
  hours?: string;
  /** Where the entry was taken from (the service's own page), for the deploying organisation to verify. */
  source?: string;
  /** When it was last checked against that source (YYYY-MM-DD). */
  checked?: string;
  /** Languages the line answers in (codes such as "en", "es"): shown first to people using them. */
  languages?: string[];
}

export interface CrisisCountry {
  /** ISO 3166-1 alpha-2 ("GB"), or "*" for lines that serve everyone. */
  country: string;
  name: string;
  lines: CrisisLine[];
}

export interface CrisisResources {
  /** Shown first, always. */
  intro: string;
  emergency: string;
  /** The intro and emergency advice in other languages, by language code ("es"). */
  translations?: Record<string, { intro: string; emergency: string }>;
  countries: CrisisCountry[];
}

/** The intro and emergency advice in `language` (its base, "es-MX" → "es"), else as given. */
export function crisisWords(resources: CrisisResources, language: string): { intro: string; emergency: string } {
  const t = resources.translations?.[language] ?? resources.translations?.[language.split("-")[0]!.toLowerCase()];
  return { intro: t?.intro ?? resources.intro, emergency: t?.emergency ?? resources.emergency };
}

/** A country's lines with those that speak `language` first (otherwise in the order given). */
export function linesFor(country: CrisisCountry, language: string): CrisisLine[] {
  const base = language.split("-")[0]!.toLowerCase();
  const speaks = (l: CrisisLine) => (l.languages?.includes(base) ? 0 : 1);
  return [...country.lines].sort((a, b) => speaks(a) - speaks(b));
}

/** Same-origin path of a circle's referral directory (ReferralDirectory, shared/referrals.ts). */
export const referralsPath = (circleId: string) => `/api/circles/${encodeURIComponent(circleId)}/referrals`;

export const DEFAULT_CRISIS_RESOURCES: CrisisResources = {
  intro:
    "Hearth is a peer-support circle. It is not a crisis service, and nobody here is watching over you around the clock.",
  emergency:
    "If you are in danger, or might harm yourself or someone else, call your local emergency number now (112 in Europe, 999 in the UK, 911 in North America) or go to the nearest emergency department.",
  translations: {
    es: {
      intro: "Hearth es un círculo de apoyo entre iguales. No es un servicio de crisis, y aquí nadie vela por ti a todas horas.",
      emergency:
        "Si estás en peligro, o podrías hacerte daño o hacérselo a otra persona, llama ahora a tu número de emergencias (112 en Europa, 911 en México y Norteamérica) o ve a las urgencias más cercanas.",
    },
  },
  // Well-known helplines (shared/crisis/helplines.ts): to be verified by whoever deploys Hearth.
  countries: DEFAULT_HELPLINES,
};
