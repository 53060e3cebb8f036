import { newParticipantKey, PARTICIPANT_KEY_PATTERN } from "../../shared/participant-key.ts";

const KEY = "hearth.participantKey";

/**
 * This browser's participant key: made on first use and kept in localStorage. It ties this
 * browser's registrations together without any personal data; the server keeps only its hash.
 */
export function participantKey(): string {
  const saved = localStorage.getItem(KEY);
  if (saved && PARTICIPANT_KEY_PATTERN.test(saved)) return saved;
  const made = newParticipantKey();
  localStorage.setItem(KEY, made);
  return made;
}

export function hasParticipantKey(): boolean {
  return Boolean(localStorage.getItem(KEY));
}

/** After "forget me": the next registration starts with a fresh key. */
export function dropParticipantKey(): void {
  localStorage.removeItem(KEY);
}
