import { PSEUDONYM_MAX_LENGTH, PSEUDONYM_MIN_LENGTH } from "./limits.ts";
import { confusableSkeleton } from "./confusables.ts";
import { hasControlCharacters, normaliseText } from "./text.ts";

export type PseudonymCheck = { ok: true; value: string } | { ok: false; reason: string };

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Trims, strips invisible characters (zero-width, bidi, controls) and collapses whitespace: shared/text.ts. */
export function normalisePseudonym(raw: string): string {
  return normaliseText(raw);
}

/**
 * The form used to compare pseudonyms: two names that look alike get the same key (case,
 * fullwidth and styled letters, look-alike letters of other scripts, combining strokes and
 * accents, invisible characters), so a circle never seats visible twins, e.g. of its facilitator.
 */
export function pseudonymKey(name: string): string {
  return confusableSkeleton(normalisePseudonym(name).toLocaleLowerCase("und")).replace(/\s+/gu, " ").trim();
}

/**
 * Whether two names look alike: the same under case folding ("QUIET otter" and "Quiet Otter"), or
 * the same skeleton before case folding, where a capital I is a lower-case l ("AIex" and "Alex").
 */
export function looksAlike(a: string, b: string): boolean {
  if (pseudonymKey(a) === pseudonymKey(b)) return true;
  const caseSensitive = (name: string) => confusableSkeleton(normalisePseudonym(name)).replace(/\s+/gu, " ").trim();
  return caseSensitive(a) === caseSensitive(b);
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
