import { useTranslation } from "react-i18next";
import { LANGUAGES } from "./languages.ts";

/** The language switch: the choice is kept on this device only. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? "en";
  return (
    <label className="language-switch">
      <span>{t("language.label")}</span>{" "}
      <select value={current} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
