import { useState } from "react";
import { PhaseNames } from "../../shared/circle-state.ts";
import type { Phase } from "../../shared/protocol.ts";
import { type CirclePhase, type ParticipantSummary, sendFacilitatorAction } from "../net/connection.ts";
import { formatDuration } from "./useNow.ts";

const AGENDA: { phase: Phase; label: string }[] = [
  { phase: PhaseNames.Arrival, label: "Arrival" },
  { phase: PhaseNames.CheckIn, label: "Check-in round" },
  { phase: PhaseNames.Sharing, label: "Open sharing" },
  { phase: PhaseNames.Closing, label: "Closing round" },
  { phase: PhaseNames.Ended, label: "End" },
];
const SHARE_TIMERS = [null, 120, 180, 300] as const;

/** The session's phases, the current one marked, and how long it has run. */
export function Agenda({ phase, inPhase }: { phase: CirclePhase; inPhase: number }) {
  return (
    <section aria-label="Agenda">
      <ol className="agenda">
        {AGENDA.map((step) => (
          <li key={step.phase}>
            <button
              type="button"
              aria-current={phase === step.phase ? "step" : undefined}
              onClick={() => sendFacilitatorAction({ action: "setPhase", phase: step.phase })}
            >
              {step.label}
            </button>
          </li>
        ))}
      </ol>
      <p className="muted" role="timer">In this phase for {formatDuration(inPhase)}</p>
    </section>
  );
}

export function CircleControls({ locked }: { locked: boolean }) {
  return (
    <section aria-label="Circle controls" className="panel-row">
      <button type="button" onClick={() => sendFacilitatorAction({ action: locked ? "unlock" : "lock" })}>
        {locked ? "Unlock session" : "Lock session"}
      </button>
      <button type="button" onClick={() => sendFacilitatorAction({ action: "muteAll" })}>Mute all</button>
      <button
        type="button"
        className="danger"
        onClick={() => confirm("End the session for everyone?") && sendFacilitatorAction({ action: "endSession" })}
      >
        End session
      </button>
    </section>
  );
}

/** The talking-piece round: who holds it and the gentle timer, or a round to start. */
export function TalkingPiece({ active, holder, shareLeft }: { active: boolean; holder: ParticipantSummary | undefined; shareLeft: number | null }) {
  const [shareSeconds, setShareSeconds] = useState<number | null>(null);
  return (
    <section aria-label="Talking piece">
      <h3>Talking piece</h3>
      {active ? (
        <>
          <p>
            {holder ? `${holder.pseudonym} holds the piece` : "The piece is on its way"}
            {shareLeft !== null && ` · ${formatDuration(shareLeft)} left`}
          </p>
          <div className="panel-row">
            <button type="button" onClick={() => sendFacilitatorAction({ action: "advanceRound" })}>Pass on</button>
            <button type="button" onClick={() => sendFacilitatorAction({ action: "skipHolder" })}>Skip</button>
            <button type="button" onClick={() => sendFacilitatorAction({ action: "endRound" })}>End round</button>
          </div>
        </>
      ) : (
        <div className="panel-row">
          <select aria-label="Gentle timer per share" value={shareSeconds ?? ""} onChange={(e) => setShareSeconds(e.target.value ? Number(e.target.value) : null)}>
            {SHARE_TIMERS.map((s) => (
              <option key={s ?? "none"} value={s ?? ""}>{s ? `${s / 60} min per share` : "No timer"}</option>
            ))}
          </select>
          <button type="button" onClick={() => sendFacilitatorAction({ action: "startRound", shareSeconds })}>Start round</button>
        </div>
      )}
    </section>
  );
}

/** Raised hands in the order they went up (nothing when there are none). */
export function RaisedHands({ queue, byId }: { queue: string[]; byId: Map<string, ParticipantSummary> }) {
  if (queue.length === 0) return null;
  return (
    <section aria-label="Raised hands">
      <h3>Raised hands</h3>
      <ol>
        {queue.map((id) => (
          <li key={id}>
            {byId.get(id)?.pseudonym ?? "Someone"}{" "}
            <button type="button" onClick={() => sendFacilitatorAction({ action: "inviteToSpeak", target: id })}>Invite to speak</button>
            <button type="button" onClick={() => sendFacilitatorAction({ action: "lowerHand", target: id })}>Lower</button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Who waits to be admitted (nothing when nobody does). */
export function WaitingList({ waiting }: { waiting: ParticipantSummary[] }) {
  if (waiting.length === 0) return null;
  return (
    <section aria-label="Waiting room">
      <h3>Waiting room</h3>
      <ul>
        {waiting.map((p) => (
          <li key={p.id}>
            {p.pseudonym}{" "}
            <button type="button" onClick={() => sendFacilitatorAction({ action: "admit", target: p.id })}>Admit</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => sendFacilitatorAction({ action: "admitAll" })}>Admit all</button>
    </section>
  );
}
