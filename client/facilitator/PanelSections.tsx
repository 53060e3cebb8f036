import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PhaseNames } from "../../shared/circle-state.ts";
import type { Phase } from "../../shared/protocol.ts";
import { type CirclePhase, type ParticipantSummary, sendFacilitatorAction } from "../net/connection.ts";
import { formatDuration } from "./useNow.ts";

const AGENDA: { phase: Phase; label: string }[] = [
  { phase: PhaseNames.Arrival, label: "facilitator.phaseArrival" },
  { phase: PhaseNames.CheckIn, label: "facilitator.phaseCheckIn" },
  { phase: PhaseNames.Sharing, label: "facilitator.phaseSharing" },
  { phase: PhaseNames.Closing, label: "facilitator.phaseClosing" },
  { phase: PhaseNames.Ended, label: "facilitator.phaseEnded" },
];
const SHARE_TIMERS = [null, 120, 180, 300] as const;

/** The session's phases, the current one marked, and how long it has run. */
export function Agenda({ phase, inPhase }: { phase: CirclePhase; inPhase: number }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t("facilitator.agenda")}>
      <ol className="agenda">
        {AGENDA.map((step) => (
          <li key={step.phase}>
            <button
              type="button"
              aria-current={phase === step.phase ? "step" : undefined}
              onClick={() => sendFacilitatorAction({ action: "setPhase", phase: step.phase })}
            >
              {t(step.label)}
            </button>
          </li>
        ))}
      </ol>
      <p className="muted" role="timer">{t("facilitator.inPhaseFor", { duration: formatDuration(inPhase) })}</p>
    </section>
  );
}

export function CircleControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t("facilitator.circleControls")} className="panel-row">
      <button type="button" onClick={() => sendFacilitatorAction({ action: locked ? "unlock" : "lock" })}>
        {locked ? t("facilitator.unlock") : t("facilitator.lock")}
      </button>
      <button type="button" onClick={() => sendFacilitatorAction({ action: "muteAll" })}>{t("facilitator.muteAll")}</button>
      <button
        type="button"
        className="danger"
        onClick={() => confirm(t("facilitator.confirmEnd")) && sendFacilitatorAction({ action: "endSession" })}
      >
        {t("facilitator.endSession")}
      </button>
    </section>
  );
}

/** The talking-piece round: who holds it and the gentle timer, or a round to start. */
export function TalkingPiece({ active, holder, shareLeft }: { active: boolean; holder: ParticipantSummary | undefined; shareLeft: number | null }) {
  const { t } = useTranslation();
  const [shareSeconds, setShareSeconds] = useState<number | null>(null);
  return (
    <section aria-label={t("facilitator.talkingPiece")}>
      <h3>{t("facilitator.talkingPiece")}</h3>
      {active ? (
        <>
          <p>
            {holder ? t("facilitator.holdsPiece", { name: holder.pseudonym }) : t("facilitator.pieceOnItsWay")}
            {shareLeft !== null && ` · ${t("facilitator.timeLeft", { duration: formatDuration(shareLeft) })}`}
          </p>
          <div className="panel-row">
            <button type="button" onClick={() => sendFacilitatorAction({ action: "advanceRound" })}>{t("facilitator.passOn")}</button>
            <button type="button" onClick={() => sendFacilitatorAction({ action: "skipHolder" })}>{t("facilitator.skip")}</button>
            <button type="button" onClick={() => sendFacilitatorAction({ action: "endRound" })}>{t("facilitator.endRound")}</button>
          </div>
        </>
      ) : (
        <div className="panel-row">
          <select aria-label={t("facilitator.shareTimer")} value={shareSeconds ?? ""} onChange={(e) => setShareSeconds(e.target.value ? Number(e.target.value) : null)}>
            {SHARE_TIMERS.map((s) => (
              <option key={s ?? "none"} value={s ?? ""}>{s ? t("facilitator.minutesPerShare", { count: s / 60 }) : t("facilitator.noTimer")}</option>
            ))}
          </select>
          <button type="button" onClick={() => sendFacilitatorAction({ action: "startRound", shareSeconds })}>{t("facilitator.startRound")}</button>
        </div>
      )}
    </section>
  );
}

/** Raised hands in the order they went up (nothing when there are none). */
export function RaisedHands({ queue, byId }: { queue: string[]; byId: Map<string, ParticipantSummary> }) {
  const { t } = useTranslation();
  if (queue.length === 0) return null;
  return (
    <section aria-label={t("facilitator.raisedHands")}>
      <h3>{t("facilitator.raisedHands")}</h3>
      <ol>
        {queue.map((id) => (
          <li key={id}>
            {byId.get(id)?.pseudonym ?? t("facilitator.someone")}{" "}
            <button type="button" onClick={() => sendFacilitatorAction({ action: "inviteToSpeak", target: id })}>{t("facilitator.inviteToSpeak")}</button>
            <button type="button" onClick={() => sendFacilitatorAction({ action: "lowerHand", target: id })}>{t("facilitator.lower")}</button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Who waits to be admitted (nothing when nobody does). */
export function WaitingList({ waiting }: { waiting: ParticipantSummary[] }) {
  const { t } = useTranslation();
  if (waiting.length === 0) return null;
  return (
    <section aria-label={t("facilitator.waitingRoom")}>
      <h3>{t("facilitator.waitingRoom")}</h3>
      <ul>
        {waiting.map((p) => (
          <li key={p.id}>
            {p.pseudonym}{" "}
            <button type="button" onClick={() => sendFacilitatorAction({ action: "admit", target: p.id })}>{t("facilitator.admit")}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => sendFacilitatorAction({ action: "admitAll" })}>{t("facilitator.admitAll")}</button>
    </section>
  );
}
