/**
 * A participant key: a random secret a browser keeps (localStorage) to tie its registrations,
 * blocks and bans together without any personal data. The server stores only its SHA-256 hash.
 */
export const PARTICIPANT_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
export const PARTICIPANT_KEY_HEADER = "X-Participant-Key";

/** 32 random bytes, base64url: 43 characters. */
export function newParticipantKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
