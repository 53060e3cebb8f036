import { useTranslation } from "react-i18next";

/** The small marks beside a person's name: their voice is disguised, they caption themselves. */
export function VoiceMarks({ disguised, captions }: { disguised: boolean; captions: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {disguised && (
        <span className="voice-mark" title={t("circleGuide.marks.disguisedTitle")}>{t("circleGuide.marks.disguised")}</span>
      )}
      {captions && (
        <span className="voice-mark" title={t("circleGuide.marks.captionsTitle")}>{t("circleGuide.marks.captions")}</span>
      )}
    </>
  );
}
