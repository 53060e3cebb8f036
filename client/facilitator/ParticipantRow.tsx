import { useTranslation } from "react-i18next";
import { isFacilitator } from "../../shared/circle-state.ts";
import { isBreakout, isPrivateTalk } from "../../shared/facilitation.ts";
import { leavePrivateTalk } from "../circle/PrivateTalkBar.tsx";
import { type ParticipantSummary, sendFacilitatorAction } from "../net/connection.ts";

/** One person in the facilitator's list: what is going on with them, and what you can do. */
export function ParticipantRow({ p, self, speaking, inVoice, capacity, mySpace }: { p: ParticipantSummary; self: boolean; speaking: boolean; inVoice: boolean; capacity: number; mySpace: string }) {
  const { t } = useTranslation();
  const target = p.id;
  const badges = [
    isFacilitator(p) && t("facilitator.badgeFacilitator"),
    speaking && t("facilitator.badgeSpeaking"),
    p.mutedByFacilitator ? t("facilitator.badgeMutedByFacilitator") : p.muted && t("facilitator.badgeMuted"),
    p.handRaised && t("facilitator.badgeHandRaised"),
    p.away && t("facilitator.badgeAway"),
    isBreakout(p.space) && t("facilitator.badgeInBreakout", { room: p.space.slice("breakout:".length) }),
    isPrivateTalk(p.space) && t("privateTalk.badge"),
    !p.connected && t("facilitator.badgeReconnecting"),
    inVoice && p.connected && !self && !p.voiceConnected && t("facilitator.badgeNoVoice"),
  ].filter(Boolean);
  return (
    <li data-participant={p.id}>
      <div>
        <span className="dot" style={{ background: p.color }} /> <strong>{p.pseudonym}</strong>
        {self && t("facilitator.you")} <span className="muted">{t("facilitator.seatNumber", { seat: p.seat + 1 })}{badges.length ? ` · ${badges.join(" · ")}` : ""}</span>
      </div>
      {!self && (
        <div className="panel-row">
          {p.mutedByFacilitator ? (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "allowToSpeak", target })} aria-label={`${t("facilitator.allowToSpeak")}: ${p.pseudonym}`}>{t("facilitator.allowToSpeak")}</button>
          ) : (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "mute", target })} aria-label={t("facilitator.muteNamed", { name: p.pseudonym })}>{t("facilitator.mute")}</button>
          )}
          {p.muted && !p.mutedByFacilitator && (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "askToUnmute", target })} aria-label={`${t("facilitator.askToUnmute")}: ${p.pseudonym}`}>{t("facilitator.askToUnmute")}</button>
          )}
          <select
            aria-label={t("facilitator.moveNamed", { name: p.pseudonym })}
            value=""
            onChange={(e) => sendFacilitatorAction({ action: "moveSeat", target, seat: Number(e.target.value) })}
          >
            <option value="">{t("facilitator.moveToSeat")}</option>
            {Array.from({ length: capacity }, (_, i) => (
              <option key={i} value={i} disabled={i === p.seat}>{t("facilitator.seatOption", { seat: i + 1 })}</option>
            ))}
          </select>
          {isPrivateTalk(p.space) && p.space === mySpace ? (
            <button type="button" className="primary" onClick={leavePrivateTalk}>{t("privateTalk.end")}</button>
          ) : (
            !isPrivateTalk(p.space) && !isPrivateTalk(mySpace) && (
              <button type="button" onClick={() => sendFacilitatorAction({ action: "talkPrivately", target })} aria-label={t("privateTalk.startNamed", { name: p.pseudonym })}>{t("privateTalk.start")}</button>
            )
          )}
          {isBreakout(p.space) ? (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "bringBack", target })} aria-label={`${t("facilitator.bringBack")}: ${p.pseudonym}`}>{t("facilitator.bringBack")}</button>
          ) : (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "sendToBreakout", target, breakout: "quiet-room" })} aria-label={`${t("facilitator.breakout")}: ${p.pseudonym}`}>{t("facilitator.breakout")}</button>
          )}
          <button type="button" onClick={() => sendFacilitatorAction({ action: "sendToWaitingRoom", target })} aria-label={`${t("facilitator.toWaitingRoom")}: ${p.pseudonym}`}>{t("facilitator.toWaitingRoom")}</button>
          <button type="button" onClick={() => confirm(t("facilitator.confirmRemove", { name: p.pseudonym })) && sendFacilitatorAction({ action: "remove", target })} aria-label={`${t("facilitator.remove")}: ${p.pseudonym}`}>{t("facilitator.remove")}</button>
          <button type="button" className="danger" onClick={() => confirm(t("facilitator.confirmBan", { name: p.pseudonym })) && sendFacilitatorAction({ action: "ban", target })} aria-label={`${t("facilitator.ban")}: ${p.pseudonym}`}>{t("facilitator.ban")}</button>
        </div>
      )}
    </li>
  );
}
