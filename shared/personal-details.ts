/**
 * The personal-details guard: before a chat message goes to the circle, the sender is asked
 * "Share this personal detail with the circle?" when it looks like it carries a phone number,
 * an email address, a street address or a full name. It only asks; it never blocks or changes
 * the message, so a false positive costs one extra click and a miss costs nothing new.
 *
 * What it recognises (each rule is a row in DETECTORS; tests/unit/personal-details.test.ts
 * holds one table row per format and per known false positive):
 *
 * - email: `name@domain.tld` (also with `+tags`, subdomains), and the spelled-out
 *   `name at domain dot com` / `name [at] domain [dot] com`.
 * - phone: 9–15 digits written as one number, optionally starting with `+`, `00` or a
 *   parenthesised area code, with spaces, dots, dashes or slashes between groups:
 *   `+44 7700 900123`, `07700 900123`, `(555) 123-4567`, `555-123-4567`, `555.123.4567`,
 *   `06 12 34 56 78`, `0151 23456789`, `+1-202-555-0143`, `0044 20 7946 0018`.
 *   Not: years and ranges (`1999-2003`), dates (`05/03/2026`, `2026-03-05`), times, money
 *   (`£1,250,000`), counts (`12 years`), or any number under 9 digits.
 * - address: a house number, one to three name words and a street word (Street, St, Road, Rd,
 *   Avenue, Ave, Lane, Ln, Drive, Boulevard, Blvd, Crescent, Terrace, Highway, Hwy, and
 *   capitalised Close, Dr, Court, Way, Place), as in `221B Baker Street`, `10 Downing St`;
 *   `12 rue de Rivoli`; German `Hauptstraße 5`; UK postcodes (`SW1A 1AA`); US ZIP codes after a
 *   state code (`CA 90210`). Not when a name word is an ordinary word such as "the", "my",
 *   "miles" or "more" (`5 miles down the road`, `2 more court dates`).
 * - name: a first and last name introduced as one: `my name is John Smith`, `I'm John Smith`,
 *   `call me John Smith`, `his name is Dave Jones`, `named Sarah O'Neill`. Two capitalised words
 *   that are not ordinary words (`I'm Not Sure` is not a name). A first name alone is fine.
 */

export type PersonalDetailKind = "phone" | "email" | "address" | "name";

export interface PersonalDetailMatch {
  kind: PersonalDetailKind;
  /** The text that looks like a personal detail, for the question shown to the sender. */
  text: string;
}

export const PERSONAL_DETAIL_LABELS: Record<PersonalDetailKind, string> = {
  phone: "a phone number",
  email: "an email address",
  address: "a street address",
  name: "a full name",
};

export const PERSONAL_DETAIL_QUESTION = "Share this personal detail with the circle?";

/** Ordinary words that never start or make up a street or person name in these patterns. */
const ORDINARY_WORDS = new Set(
  (
    "a an the my your his her our their its this that these those and or but of on in at to from by for with " +
    "down up over into onto off out about around near past more most less few many much some any other another " +
    "very really so too just still also not no yes here there back again only even ever never once twice " +
    "miles mile km kilometres kilometers metres meters yards feet minutes minute hours hour days day weeks week " +
    "months month years year times time people men guys kids children friends bad good hard long short big small " +
    "old new whole same different next last first second third custody family divorce sorry fine okay ok well " +
    "sure tired feeling going trying doing being having getting done happy sad angry glad here"
  ).split(" "),
);

const isOrdinary = (word: string) => ORDINARY_WORDS.has(word.toLowerCase().replace(/[.'’]/g, ""));

// ---------------------------------------------------------------- email

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/iu;
const SPELLED_EMAIL = /\b[\p{L}\p{N}._%+-]+\s*(?:\[at\]|\(at\)|\{at\}|\sat\s)\s*[\p{L}\p{N}-]+\s*(?:\[dot\]|\(dot\)|\{dot\}|\sdot\s)\s*(?:com|net|org|co|uk|de|fr|io|me|info|edu|gov)\b/iu;

function findEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0] ?? SPELLED_EMAIL.exec(text)?.[0] ?? null;
}

// ---------------------------------------------------------------- phone

// Candidate: an optional +, 00 or (, then digits with single separators (space . - / or a
// closing paren) between groups. Letters or digits right before or after end the candidate.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+|\()?\d(?:[\d]|[ .\-/]\(?|\)\s?)*\d(?![\p{L}\p{N}])/gu;
/** A date inside a candidate (2026-03-05, 05/03/2026, 5.3.26): not a phone number. */
const DATE_INSIDE = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/;
const YEAR_RANGE = /^\d{4}\s?[-/]\s?\d{2,4}$/;
/** Only years: "2019 2020 2021", "1990-2005". */
const YEARS_ONLY = /^(?:(?:19|20)\d{2}[\s/-]*)+$/;

function findPhone(text: string): string | null {
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, "");
    if (digits.length < 9 || digits.length > 15) continue;
    if (DATE_INSIDE.test(candidate) || YEAR_RANGE.test(candidate) || YEARS_ONLY.test(candidate)) continue;
    // Thousands separators: 1,250,000 never reaches here (a comma ends the candidate), but
    // "1 250 000" would: three-digit groups after a short first group read as an amount.
    if (/^\d{1,3}(?: \d{3})+$/.test(candidate) && !candidate.startsWith("0")) continue;
    return candidate;
  }
  return null;
}

// ---------------------------------------------------------------- address

const STREET_WORDS = "street|st|road|rd|avenue|ave|lane|ln|drive|boulevard|blvd|crescent|terrace|highway|hwy";
const CAPITALISED_STREET_WORDS = "Close|Dr|Court|Ct|Way|Place|Pl|Gardens|Square|Sq";
const NAME_WORD = "[\\p{L}][\\p{L}'’.-]*";
const STREET = new RegExp(
  `\\b(\\d{1,5}[A-Za-z]?),?\\s+((?:${NAME_WORD}\\s+){1,3}?)(?:(?:${STREET_WORDS})\\b\\.?|(?:${CAPITALISED_STREET_WORDS})\\b)`,
  "giu",
);
const CAPITALISED_ONLY = new RegExp(`^(?:${CAPITALISED_STREET_WORDS})$`);
const CAPITALISED_ANY_CASE = new RegExp(`^(?:${CAPITALISED_STREET_WORDS})$`, "i");
const FRENCH_STREET = /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai)\s+(?:d[eu]s?\s+|de\s+la\s+|l['’]\s?)?\p{L}+/iu;
const GERMAN_STREET = /\b\p{L}+(?:straße|strasse|str\.|weg|gasse|allee|platz)\s+\d{1,4}[a-z]?\b/iu;
const UK_POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b/i;
const US_STATES =
  "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC";
const US_ZIP = new RegExp(`\\b(?:${US_STATES}),?\\s+\\d{5}(?:-\\d{4})?\\b`);

function findAddress(text: string): string | null {
  for (const match of text.matchAll(STREET)) {
    const names = match[2]!.trim().split(/\s+/);
    if (names.some(isOrdinary)) continue;
    const streetWord = match[0].slice(match[0].lastIndexOf(" ") + 1).replace(/\.$/, "");
    // "close", "way", "place", "court" are everyday words: only capitalised do they name a street.
    if (CAPITALISED_ANY_CASE.test(streetWord) && !CAPITALISED_ONLY.test(streetWord)) continue;
    return match[0];
  }
  for (const pattern of [FRENCH_STREET, GERMAN_STREET, US_ZIP, UK_POSTCODE]) {
    const found = pattern.exec(text)?.[0];
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------- full name

const NAME_PART = "\\p{Lu}[\\p{Ll}'’-]+(?:-\\p{Lu}[\\p{Ll}'’-]+)?|\\p{Lu}['’]\\p{Lu}[\\p{Ll}]+|Mc\\p{Lu}\\p{Ll}+|Mac\\p{Lu}\\p{Ll}+";
const INTRODUCTION =
  "(?:my\\s+(?:full\\s+|real\\s+)?name\\s+is|my\\s+name['’]s|i\\s+am|i['’]m|im|call\\s+me|(?:his|her|their)\\s+(?:full\\s+|real\\s+)?name\\s+is|(?:his|her|their)\\s+name['’]s|named|called|known\\s+as)";
const FULL_NAME = new RegExp(`(?<![\\p{L}])${INTRODUCTION}\\s+(${NAME_PART})\\s+(${NAME_PART})`, "giu");
const INTRODUCTION_ONLY = new RegExp(`^${INTRODUCTION}$`, "iu");

function findFullName(text: string): string | null {
  for (const match of text.matchAll(FULL_NAME)) {
    const [first, last] = [match[1]!, match[2]!];
    // The introduction matched case-insensitively; the names must really be capitalised words.
    if (!/^\p{Lu}/u.test(first) || !/^\p{Lu}/u.test(last)) continue;
    if (isOrdinary(first) || isOrdinary(last)) continue;
    if (INTRODUCTION_ONLY.test(first)) continue;
    return `${first} ${last}`;
  }
  return null;
}

/** The guard's rules, in the order the question lists what was found. */
export const DETECTORS: { kind: PersonalDetailKind; find: (text: string) => string | null }[] = [
  { kind: "email", find: findEmail },
  { kind: "phone", find: findPhone },
  { kind: "address", find: findAddress },
  { kind: "name", find: findFullName },
];

/** Every kind of personal detail the text seems to carry (at most one match per kind). */
export function findPersonalDetails(text: string): PersonalDetailMatch[] {
  const found: PersonalDetailMatch[] = [];
  for (const { kind, find } of DETECTORS) {
    const match = find(text);
    if (match) found.push({ kind, text: match });
  }
  return found;
}

/** "a phone number and an email address", for the question. */
export function describePersonalDetails(matches: PersonalDetailMatch[]): string {
  const labels = [...new Set(matches.map((m) => PERSONAL_DETAIL_LABELS[m.kind]))];
  if (labels.length <= 1) return labels[0] ?? "";
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
