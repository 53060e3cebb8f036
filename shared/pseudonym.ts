import { PSEUDONYM_MAX_LENGTH, PSEUDONYM_MIN_LENGTH } from "./limits.ts";
import { hasControlCharacters, normaliseText } from "./text.ts";

export { looksAlike, pseudonymKey } from "./pseudonym-key.ts";

export type PseudonymCheck = { ok: true; value: string } | { ok: false; reason: string };

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Trims, strips invisible characters (zero-width, bidi, controls) and collapses whitespace: shared/text.ts. */
export function normalisePseudonym(raw: string): string {
  return normaliseText(raw);
}

export function checkPseudonym(raw: unknown): PseudonymCheck {
  if (typeof raw !== "string") return { ok: false, reason: "Please choose a pseudonym." };
  if (raw.length > PSEUDONYM_MAX_LENGTH * 4) return { ok: false, reason: `A pseudonym can have at most ${PSEUDONYM_MAX_LENGTH} characters.` };
  if (hasControlCharacters(raw)) return { ok: false, reason: `A pseudonym cannot contain control characters.` };
  const value = normalisePseudonym(raw);
  const length = [...value].length;
  if (length < PSEUDONYM_MIN_LENGTH) {
    return { ok: false, reason: `A pseudonym needs at least ${PSEUDONYM_MIN_LENGTH} characters.` };
  }
  if (length > PSEUDONYM_MAX_LENGTH) {
    return { ok: false, reason: `A pseudonym can have at most ${PSEUDONYM_MAX_LENGTH} characters.` };
  }
  if (!HAS_LETTER_OR_DIGIT.test(value)) {
    return { ok: false, reason: "A pseudonym needs at least one letter or digit." };
  }
  return { ok: true, value };
}

const ADJECTIVES = [
  "Quiet", "Steady", "Gentle", "Brave", "Calm", "Kind", "Patient", "Warm", "Honest", "Bright",
  "Hopeful", "Mellow", "Sturdy", "Thoughtful", "Easy", "Open", "Humble", "Wise", "Loyal", "Still",
];
const NOUNS = [
  "Otter", "Heron", "Oak", "River", "Badger", "Ember", "Harbour", "Pine", "Falcon", "Stone",
  "Willow", "Fox", "Lantern", "Meadow", "Bear", "Cedar", "Wren", "Tide", "Ridge", "Moss",
];

/** A friendly random pseudonym, e.g. "Quiet Otter". */
export function suggestPseudonym(random: () => number = Math.random): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length) % list.length]!;
  return `${pick(ADJECTIVES)} ${pick(NOUNS)}`;
}
