import { confusableSkeleton } from "./confusables.ts";
import { normaliseText as normalisePseudonym } from "./text.ts";

// A module of its own (shared/pseudonym.ts re-exports it): the confusables table is large, and a
// page that only checks a name as it is typed never loads it.

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
