import { useTranslation } from "react-i18next";
import { passTalkingPiece } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";

/** Who holds the talking piece; the holder passes it on from here. */
export function RoundBar() {
  const { t } = useTranslation();
  const flow = useConnection((s) => s.flow);
  const selfId = useConnection((s) => s.selfId);
  const holder = useConnection((s) => s.participants.find((p) => p.id === s.flow.roundHolder));
  if (!flow.roundActive) return null;
  const mine = flow.roundHolder === selfId;
  return (
    <div className="round-bar" role="status">
      {mine ? (
        <>
          <span>{t("circle.pieceWithYou")}</span>
          <button type="button" className="primary" onClick={passTalkingPiece}>{t("circle.passPiece")}</button>
        </>
      ) : (
        <span>{holder ? t("circle.holdsPiece", { name: holder.pseudonym }) : t("circle.pieceOnItsWay")}</span>
      )}
    </div>
  );
}
