/**
 * The schemas of free-text fields and tokens, built on text.ts's rule and normaliser.
 */
import { z } from "zod";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters, normaliseText, type TextShape } from "./text.ts";

export interface FreeTextOptions extends TextShape {
  min?: number;
  max: number;
  /** Words for the length limits, e.g. "A title". */
  what: string;
  required?: string;
}

/**
 * A free-text field's schema: a string without control characters, normalised, then measured
 * (in code points, after normalising). The raw string may be at most twice `max` long.
 */
export function freeText({ min = 0, max, what, required, multiline }: FreeTextOptions) {
  return z
    .string({ error: required ?? `${what} must be text.` })
    .max(max * 2, `${what} can have at most ${max} characters.`)
    .refine((raw) => !hasControlCharacters(raw), CONTROL_CHARACTERS_MESSAGE)
    .transform((raw) => normaliseText(raw, { multiline }))
    .refine((text) => [...text].length >= min, required ?? `${what} needs at least ${min} characters.`)
    .refine((text) => [...text].length <= max, `${what} can have at most ${max} characters.`);
}

/** An identifier-like string (ids, tokens, keys): no control characters, no whitespace, bounded. */
export function plainToken(max: number, what = "This value") {
  return z
    .string()
    .min(1, `${what} is missing.`)
    .max(max, `${what} is too long.`)
    .regex(/^[\x21-\x7E]+$/, `${what} is not valid.`);
}
