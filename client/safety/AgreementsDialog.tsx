import type { TFunction } from "i18next";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { agreementsPrompt, COMMUNITY_AGREEMENTS } from "./agreements.ts";
import { CrisisLink } from "./CrisisPanel.tsx";
import "./session.ts"; // safety messages are wired as soon as a room exists
import "./safety.css";

/**
 * Hearth's agreements in the chosen language, told apart by their English title
 * (agreements.ts); one not known here is shown as it is written there.
 */
function translatedAgreements(t: TFunction): { title: string; text: string }[] {
  const known: Record<string, { title: string; text: string }> = {
    Confidentiality: { title: t("safetyDialogs.confidentialityTitle"), text: t("safetyDialogs.confidentialityText") },
    Respect: { title: t("safetyDialogs.respectTitle"), text: t("safetyDialogs.respectText") },
    "Speak from your own experience": { title: t("safetyDialogs.ownExperienceTitle"), text: t("safetyDialogs.ownExperienceText") },
    "No unsolicited advice": { title: t("safetyDialogs.noAdviceTitle"), text: t("safetyDialogs.noAdviceText") },
    "Peer support, not a crisis or therapy service": { title: t("safetyDialogs.peerSupportTitle"), text: t("safetyDialogs.peerSupportText") },
  };
  return COMMUNITY_AGREEMENTS.map((a) => known[a.title] ?? a);
}

/** Hearth's community agreements (and a scheduled circle's own), to read and accept before entering. */
export function AgreementsDialog() {
  const { t } = useTranslation();
  const request = useStore(agreementsPrompt, (s) => s.request);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
    if (!request && dialog.current?.open) dialog.current.close();
  }, [request]);
  if (!request) return null;
  return (
    <dialog ref={dialog} className="safety-dialog agreements" aria-labelledby="agreements-title" onCancel={() => request.resolve(false)}>
      <h2 id="agreements-title">{t("safetyDialogs.agreementsTitle")}</h2>
      <ol>
        {translatedAgreements(t).map((a) => (
          <li key={a.title}>
            <strong>{a.title}.</strong> {a.text}
          </li>
        ))}
      </ol>
      {request.circleText && (
        <section aria-label={t("safetyDialogs.circleOwnAgreements")}>
          <h3>{request.circleTitle ? t("safetyDialogs.namedCircleAgreements", { title: request.circleTitle }) : t("safetyDialogs.circleAgreements")}</h3>
          <p className="agreements-text">{request.circleText}</p>
        </section>
      )}
      <p className="muted">
        {t("safetyDialogs.needHelpNow")} <CrisisLink />
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => request.resolve(false)}>{t("safetyDialogs.notNow")}</button>
        <button type="button" className="primary" onClick={() => request.resolve(true)}>{t("safetyDialogs.agreeTakeMeIn")}</button>
      </div>
    </dialog>
  );
}
