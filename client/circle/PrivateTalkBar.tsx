import { useTranslation } from "react-i18next";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { sendMessage } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";

/** Ends the private conversation you are in: both of you go back where you were. */
export const leavePrivateTalk = () => sendMessage(ClientMessage.LeavePrivateTalk, {});

/** The other person in my private conversation, or undefined when I am not in one. */
export function usePrivateTalkPartner() {
  const space = useSelf((me) => me?.space ?? "");
  return useConnection((s) => (isPrivateTalk(space) ? s.participants.find((p) => p.id !== s.selfId && p.space === space) : undefined));
}

/** While you talk privately with a facilitator (or a participant): who with, that nobody else hears, and the way back. */
export function PrivateTalkBar() {
  const { t } = useTranslation();
  const inTalk = useSelf((me) => isPrivateTalk(me?.space ?? ""));
  const partner = usePrivateTalkPartner();
  if (!inTalk) return null;
  return (
    <div className="private-talk-bar" role="status" aria-label={t("privateTalk.title")}>
      <span>
        <strong>{partner ? t("privateTalk.with", { name: partner.pseudonym }) : t("privateTalk.title")}</strong>{" "}
        {t("privateTalk.onlyYouTwo")}
      </span>
      <button type="button" className="primary" onClick={leavePrivateTalk}>{t("privateTalk.back")}</button>
    </div>
  );
}
