import type { TFunction } from "i18next";
import type { QUICK_PHRASES } from "../../../shared/captions.ts";

/** The quick phrases (shared/captions.ts) in the chosen language: shown and sent in the sender's language. */
export function quickPhraseText(phrase: (typeof QUICK_PHRASES)[number], t: TFunction): string {
  const texts: Record<(typeof QUICK_PHRASES)[number], string> = {
    Yes: t("voiceUi.phraseYes"),
    No: t("voiceUi.phraseNo"),
    "Thank you": t("voiceUi.phraseThankYou"),
    "I agree": t("voiceUi.phraseAgree"),
    "I'd like to pass": t("voiceUi.phrasePass"),
    "I'm listening": t("voiceUi.phraseListening"),
    "Can you repeat that?": t("voiceUi.phraseRepeat"),
    "One moment": t("voiceUi.phraseOneMoment"),
  };
  return texts[phrase];
}
