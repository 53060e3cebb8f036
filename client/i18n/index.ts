import i18next, { type BackendModule } from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { bestLanguage, directionOf, LANGUAGE_STORAGE_KEY, LANGUAGES } from "./languages.ts";
import { en } from "./locales/en.ts";
import { PSEUDO_RTL, pseudoRtl } from "./pseudo.ts";

/** The document follows the chosen language: lang for screen readers and fonts, dir for RTL layouts. */
function applyToDocument(language: string) {
  if (typeof document === "undefined") return;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

i18next.on("languageChanged", applyToDocument);

/**
 * English is in the page (it is every language's fallback); the others load when chosen, so a
 * visitor who reads English never downloads Spanish.
 */
const otherLanguages: Record<string, () => Promise<Record<string, unknown>>> = {
  es: () => import("./locales/es.ts").then((m) => m.es),
};
const languageChunks: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    const load = otherLanguages[language];
    if (!load) return callback(null, {});
    load().then(
      (translation) => callback(null, translation),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

// Detection: a choice made with the switch (localStorage), then ?lang=, then the browser's languages.
/** Resolves once the first language's words are here (main.tsx renders after it). */
export const i18nReady = i18next
  .use(languageChunks)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      en: { translation: en },
      [PSEUDO_RTL]: { translation: pseudoRtl(en) },
    },
    partialBundledLanguages: true,
    supportedLngs: LANGUAGES.map((l) => l.code),
    load: "currentOnly",
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes
    detection: {
      order: ["localStorage", "querystring", "navigator"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      lookupQuerystring: "lang",
      caches: ["localStorage"],
      // "es-ES" or "es-419" from the browser → "es"; unknown languages → English.
      convertDetectedLanguage: bestLanguage,
    },
    returnNull: false,
  });

export { i18next };

/** The language in use, for Intl formatters. */
export const currentLanguage = (): string => (i18next.resolvedLanguage ?? i18next.language ?? "en");

/** The locale for Intl: the pseudo-locale formats as English. */
export const intlLocale = (): string => (currentLanguage() === PSEUDO_RTL ? "en" : currentLanguage());
