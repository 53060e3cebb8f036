import { useTranslation } from "react-i18next";
import { useConnection } from "../net/useConnection.ts";

/** The guide's current card, for everyone in the circle: short and calm, never in the way. */
export function GuideCard() {
  const { t } = useTranslation();
  const step = useConnection((s) => s.guide[s.flow.guideStep]);
  if (!step?.card) return null;
  return (
    <aside className="guide-card" aria-label={t("circleGuide.guide.cardLabel")} aria-live="polite">
      <strong>{step.title}</strong>
      <p>{step.card}</p>
    </aside>
  );
}
