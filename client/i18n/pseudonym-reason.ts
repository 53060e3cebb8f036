import type { TFunction } from "i18next";
import { PSEUDONYM_MAX_LENGTH, PSEUDONYM_MIN_LENGTH } from "../../shared/limits.ts";

/**
 * The pseudonym check's reason in the chosen language: shared/pseudonym.ts says it in English only,
 * so it is told apart by comparing with those words; anything else keeps them.
 */
export function pseudonymReason(reason: string, t: TFunction): string {
  switch (reason) {
    case "Please choose a pseudonym.":
      return t("schedulePages.pseudonymMissing");
    case `A pseudonym can have at most ${PSEUDONYM_MAX_LENGTH} characters.`:
      return t("schedulePages.pseudonymTooLong", { max: PSEUDONYM_MAX_LENGTH });
    case "A pseudonym cannot contain control characters.":
      return t("schedulePages.pseudonymControlCharacters");
    case `A pseudonym needs at least ${PSEUDONYM_MIN_LENGTH} characters.`:
      return t("schedulePages.pseudonymTooShort", { min: PSEUDONYM_MIN_LENGTH });
    case "A pseudonym needs at least one letter or digit.":
      return t("schedulePages.pseudonymNoLetter");
    default:
      return reason;
  }
}
