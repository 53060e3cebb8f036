import { useTranslation } from "react-i18next";
import { PSEUDONYM_MAX_LENGTH } from "../../shared/limits.ts";
import { checkPseudonym, suggestPseudonym } from "../../shared/pseudonym.ts";
import { pseudonymReason } from "../i18n/pseudonym-reason.ts";

/** The pseudonym, checked as you type, with a suggestion at hand. */
export function PseudonymField({ pseudonym, onChange }: { pseudonym: string; onChange: (pseudonym: string) => void }) {
  const { t } = useTranslation();
  const check = checkPseudonym(pseudonym);
  return (
    <>
      <label htmlFor="pseudonym">{t("lobby.pseudonymLabel")}</label>
      <div className="row">
        <input
          id="pseudonym"
          name="pseudonym"
          value={pseudonym}
          maxLength={PSEUDONYM_MAX_LENGTH * 2}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!check.ok}
          aria-describedby="pseudonym-help"
        />
        <button type="button" onClick={() => onChange(suggestPseudonym())}>{t("lobby.suggestAnother")}</button>
      </div>
      <p id="pseudonym-help" className={check.ok ? "muted" : "error"}>
        {check.ok ? t("lobby.pseudonymHelp") : pseudonymReason(check.reason, t)}
      </p>
    </>
  );
}

export function FacilitatorKeyField({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const { t } = useTranslation();
  return (
    <details className="facilitator-key">
      <summary>{t("lobby.facilitating")}</summary>
      <label htmlFor="facilitator-key">{t("lobby.facilitatorKey")}</label>
      <input id="facilitator-key" type="password" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
    </details>
  );
}
