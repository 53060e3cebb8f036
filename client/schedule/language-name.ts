import { intlLocale } from "../i18n/index.ts";

/** A language code's name in the UI language ("es" → "Spanish"), or the code when Intl does not know it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([intlLocale()], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
