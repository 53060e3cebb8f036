/**
 * One normaliser for every free-text field (pseudonyms, chat, report notes, titles, descriptions),
 * and the rule that refuses control characters. Schemas refuse (400 naming the field) what has
 * control characters; the normaliser then strips what is invisible, so nothing shown to others
 * can hide or reorder text (zero-width characters, bidi embeddings, overrides and isolates).
 * The schemas built on these are in text-schemas.ts (zod stays out of what the client loads).
 */
/** C0 and C1 control characters other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Invisible characters: controls, format characters (zero-width, bidi, BOM), private use, lone surrogates, unassigned. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/gu;

export const CONTROL_CHARACTERS_MESSAGE = "Control characters are not allowed here.";

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

export interface TextShape {
  /** Keep line breaks (at most two in a row); else every run of whitespace becomes one space. */
  multiline?: boolean;
}

/** NFC, invisible characters stripped, whitespace tidied, trimmed. */
export function normaliseText(raw: string, { multiline = false }: TextShape = {}): string {
  const composed = raw.normalize("NFC").replace(/\r\n?/g, "\n");
  if (!multiline) return composed.replace(/\s+/gu, " ").replace(INVISIBLE, "").trim();
  return composed
    .replace(/[^\S\n]+/gu, " ")
    .replace(INVISIBLE, (c) => (c === "\n" ? c : ""))
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
