/**
 * Words for zod's "unrecognized_keys" issue, so a misspelt field (`end_date` for `endDate`) is
 * named in the 400 instead of being dropped for a silent default. Used by the scheduling routes'
 * strict schemas (shared/scheduling-schemas.ts).
 */

/** Lower case, no separators: "end_date", "End-Date" and "endDate" all become "enddate". */
const loose = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The allowed field a misspelt one most likely meant, or undefined. */
export function likelyField(unknown: string, allowed: readonly string[]): string | undefined {
  const wanted = loose(unknown);
  return allowed.find((name) => loose(name) === wanted);
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
