import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { CRISIS_CATEGORY_LABELS } from "../../shared/crisis/types.ts";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { intlLocale } from "../i18n/index.ts";
import { sendFacilitatorAction } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { dismissFlag, support } from "./support.ts";

const time = (at: number) => new Date(at).toLocaleTimeString(intlLocale(), { hour: "2-digit", minute: "2-digit" });

/**
 * Facilitators: "someone may need support", privately. Who and what kind, never their words.
 * Each item carries data-support-participant so a private conversation can be opened from it.
 */
export function SupportFlags() {
  const { t } = useTranslation();
  const flags = useStore(support, (s) => s.flags);
  const participants = useConnection((s) => s.participants);
  const inTalk = useSelf((me) => isPrivateTalk(me?.space ?? ""));
  if (flags.length === 0) return null;
  // A private conversation can be opened with someone still here and not in one already.
  const reachable = (id: string) => !inTalk && participants.some((p) => p.id === id && !isPrivateTalk(p.space));
  return (
    <section aria-label={t("crisis.mayNeedSupport")} className="support-flags">
      <h3>{t("crisis.mayNeedSupport")} <span className="badge alert">{flags.length}</span></h3>
      <p className="muted">{t("crisis.flagsNote")}</p>
      <ol>
        {flags.map((f) => (
          <li key={f.id} data-support-flag={f.id} data-support-participant={f.participantId}>
            <div>
              <strong>{f.pseudonym}</strong>
              {f.category && <> · {t(`crisis.category_${f.category}`, { defaultValue: CRISIS_CATEGORY_LABELS[f.category] })}</>}{" "}
              <span className="muted">
                {time(f.at)} · {f.source === "request" ? t("crisis.flagRequest") : f.source === "check-in" ? t("circleGuide.flags.checkIn") : t("crisis.flagChat")}
              </span>
            </div>
            {reachable(f.participantId) && (
              <button type="button" className="primary" onClick={() => sendFacilitatorAction({ action: "talkPrivately", target: f.participantId })} aria-label={t("privateTalk.startNamed", { name: f.pseudonym })}>
                {t("privateTalk.start")}
              </button>
            )}
            <button type="button" onClick={() => dismissFlag(f.id)}>{t("crisis.dismiss")}</button>
          </li>
        ))}
      </ol>
    </section>
  );
}
