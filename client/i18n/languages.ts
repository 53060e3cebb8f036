import { PSEUDO_RTL } from "./pseudo.ts";

/** The languages a person can choose; the pseudo-locale is for testing RTL layouts. */
export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
  { code: PSEUDO_RTL, name: "RTL pseudo (test)" },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]["code"];

export const LANGUAGE_STORAGE_KEY = "hearth.language";

/** The supported language closest to a browser's tag: exact, then by base language, else English. */
export function bestLanguage(tag: string): LanguageCode {
  const exact = LANGUAGES.find((l) => l.code.toLowerCase() === tag.toLowerCase());
  if (exact) return exact.code;
  const base = tag.split("-")[0]!.toLowerCase();
  return LANGUAGES.find((l) => l.code === base)?.code ?? "en";
}

const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur"]);

/** "rtl" for right-to-left scripts (and the pseudo-locale), "ltr" otherwise. */
export function directionOf(language: string): "rtl" | "ltr" {
  if (language === PSEUDO_RTL) return "rtl";
  return RTL_LANGUAGES.has(language.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}
