import { useTranslation } from "react-i18next";
import { leaveCircle } from "../net/connection.ts";

/** A calm place to wait until a facilitator lets you in. */
export function WaitingRoom() {
  const { t } = useTranslation();
  return (
    <div className="waiting-room" role="status">
      <h2>{t("circle.waitingTitle")}</h2>
      <p>{t("circle.waitingText")}</p>
      <p className="muted">{t("circle.waitingBreath")}</p>
      <button type="button" className="leave" onClick={leaveCircle}>{t("circle.leave")}</button>
    </div>
  );
}
