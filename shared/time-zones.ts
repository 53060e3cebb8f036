/**
 * Time zones are IANA names ("America/New_York"), stored in the spelling this runtime calls
 * canonical. A fixed offset ("+05:00", "GMT-3", "Etc/GMT+5") is refused: it does not follow the
 * place's summer time, so a weekly circle would drift by an hour twice a year.
 */

export type TimeZoneCheck = { ok: true; zone: string } | { ok: false; reason: string };

const OFFSET_LIKE = /^(?:etc\/)?(?:gmt|utc|z)?\s*[+\-\u2212]\s*\d/i;

let canonicalByLowerCase: Map<string, string> | undefined;
function canonicalNames(): Map<string, string> {
  canonicalByLowerCase ??= new Map(["UTC", ...Intl.supportedValuesOf("timeZone")].map((z) => [z.toLowerCase(), z]));
  return canonicalByLowerCase;
}

/** The canonical name of `input` (case and old aliases normalised), or why it is refused. */
export function canonicalTimeZone(input: string): TimeZoneCheck {
  const text = input.trim();
  if (!text) return { ok: false, reason: "Choose a time zone." };
  if (text.length > 64) return { ok: false, reason: "That time zone name is too long." };
  if (OFFSET_LIKE.test(text)) {
    return { ok: false, reason: `"${text}" is an offset, not a time zone: choose a place such as Europe/London, which follows its summer time.` };
  }
  if (!text.includes("/") && !/^(utc|gmt)$/i.test(text)) {
    return { ok: false, reason: `"${text}" is an abbreviation, not a time zone: choose a place such as America/New_York.` };
  }
  const listed = canonicalNames().get(text.toLowerCase());
  if (listed) return { ok: true, zone: listed };
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en", { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return { ok: false, reason: `"${text}" is not a time zone this server knows: use an IANA name such as America/New_York.` };
  }
  if (OFFSET_LIKE.test(resolved)) return { ok: false, reason: `"${text}" is an offset, not a time zone: choose a place such as Europe/London.` };
  return { ok: true, zone: canonicalNames().get(resolved.toLowerCase()) ?? resolved };
}
