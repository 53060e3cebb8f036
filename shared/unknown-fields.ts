/**
 * Words for zod's "unrecognized_keys" issue, so a misspelt field (`end_date` for `endDate`) is
 * named in the 400 instead of being dropped for a silent default. Used by the scheduling routes'
 * strict schemas (shared/scheduling-schemas.ts).
 */

/** Lower case, no separators: "end_date", "End-Date" and "endDate" all become "enddate". */
const loose = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Edit distance (insertions, deletions, substitutions) between two short names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The allowed field a misspelt one most likely meant ("end_date" → "endDate", "alarm" → "alarms"), or undefined. */
export function likelyField(unknown: string, allowed: readonly string[]): string | undefined {
  const wanted = loose(unknown);
  const exact = allowed.find((name) => loose(name) === wanted);
  if (exact || wanted.length < 3) return exact;
  const scored = allowed.map((name) => ({ name, d: distance(wanted, loose(name)) })).sort((x, y) => x.d - y.d);
  return scored[0] && scored[0].d <= 2 ? scored[0].name : undefined;
}

/** "end_date is not a field here (did you mean endDate?)." */
export function unknownFieldMessage(unknown: string, allowed: readonly string[] = []): string {
  const guess = likelyField(unknown, allowed);
  return guess ? `"${unknown}" is not a field here (did you mean "${guess}"?).` : `"${unknown}" is not a field here.`;
}

/** Field name → message for each key of an "unrecognized_keys" issue, under the issue's path. */
export function unrecognizedKeyErrors(
  issue: { keys: readonly string[]; path: readonly PropertyKey[] },
  allowed: readonly string[] = [],
): Record<string, string> {
  const prefix = issue.path.map(String).join(".");
  const fields: Record<string, string> = {};
  for (const key of issue.keys) fields[prefix ? `${prefix}.${key}` : key] = unknownFieldMessage(key, allowed);
  return fields;
}
