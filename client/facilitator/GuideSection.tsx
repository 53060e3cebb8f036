import { useTranslation } from "react-i18next";
import type { GuideStepFields } from "../../shared/circle-state.ts";
import { sendFacilitatorAction } from "../net/connection.ts";

const PHASE_KEYS: Record<string, string> = {
  arrival: "facilitator.phaseArrival",
  checkin: "facilitator.phaseCheckIn",
  sharing: "facilitator.phaseSharing",
  closing: "facilitator.phaseClosing",
};

/**
 * The circle's guide, for the facilitator: the prompt of the step now running, in order, with
 * the way on (and back). Going to a step sets its phase; everyone sees the step's card.
 */
export function GuideSection({ guide, step }: { guide: GuideStepFields[]; step: number }) {
  const { t } = useTranslation();
  if (guide.length === 0) return null;
  const current = guide[step];
  const go = (to: number) => sendFacilitatorAction({ action: "guideStep", step: to });
  return (
    <section aria-label={t("circleGuide.guide.heading")} className="guide-section">
      <h3>{t("circleGuide.guide.heading")}</h3>
      {current ? (
        <article aria-live="polite">
          <p className="muted">{t("circleGuide.guide.stepOf", { step: step + 1, count: guide.length })}</p>
          <h4>{current.title}</h4>
          <p className="guide-prompt">{current.prompt}</p>
        </article>
      ) : (
        <p className="muted">{t("circleGuide.guide.notStarted")}</p>
      )}
      <div className="panel-row">
        {step > 0 && <button type="button" onClick={() => go(step - 1)}>{t("circleGuide.guide.previous")}</button>}
        {step < 0 && <button type="button" className="primary" onClick={() => go(0)}>{t("circleGuide.guide.start")}</button>}
        {step >= 0 && step < guide.length - 1 && <button type="button" className="primary" onClick={() => go(step + 1)}>{t("circleGuide.guide.next")}</button>}
      </div>
      {step === guide.length - 1 && <p className="muted">{t("circleGuide.guide.finished")}</p>}
      {guide[step + 1] && (
        <p className="muted">{t("circleGuide.guide.phaseNote", { phase: t(PHASE_KEYS[guide[step + 1]!.phase] ?? "facilitator.phaseSharing") })}</p>
      )}
      <ol className="guide-steps">
        {guide.map((s, i) => (
          <li key={i}>
            <button type="button" aria-current={i === step ? "step" : undefined} aria-label={t("circleGuide.guide.goTo", { title: s.title })} onClick={() => go(i)}>
              {s.title}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
