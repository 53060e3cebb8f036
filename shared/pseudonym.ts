import { PSEUDONYM_MAX_LENGTH, PSEUDONYM_MIN_LENGTH } from "./limits.ts";

export type PseudonymCheck = { ok: true; value: string } | { ok: false; reason: string };

// Control, format (zero-width, bidi overrides), surrogate and private-use characters.
const INVISIBLE = /[\p{C}]/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Trims, strips invisible characters and collapses whitespace. */
export function normalisePseudonym(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").replace(INVISIBLE, "").trim();
}

/** The form used to compare pseudonyms: case-insensitive. */
export function pseudonymKey(name: string): string {
  return normalisePseudonym(name).toLocaleLowerCase("und");
}

export function checkPseudonym(raw: unknown): PseudonymCheck {
  if (typeof raw !== "string") return { ok: false, reason: "Please choose a pseudonym." };
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
