import { ReportsQueue } from "../safety/ReportsQueue.tsx";
import { useState } from "react";
import { isFacilitator, PhaseNames } from "../../shared/circle-state.ts";
import { isBreakout, Spaces } from "../../shared/facilitation.ts";
import type { Phase } from "../../shared/protocol.ts";
import { type ParticipantSummary, sendFacilitatorAction } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";
import { useVoice } from "../voice/useVoice.ts";
import { formatDuration, useNow } from "./useNow.ts";

const AGENDA: { phase: Phase; label: string }[] = [
  { phase: PhaseNames.Arrival, label: "Arrival" },
  { phase: PhaseNames.CheckIn, label: "Check-in round" },
  { phase: PhaseNames.Sharing, label: "Open sharing" },
  { phase: PhaseNames.Closing, label: "Closing round" },
  { phase: PhaseNames.Ended, label: "End" },
];
const SHARE_TIMERS = [null, 120, 180, 300] as const;

/** The facilitator's side panel: agenda and timer, the circle's controls, and every participant. */
export function FacilitatorPanel() {
  const flow = useConnection((s) => s.flow);
  const participants = useConnection((s) => s.participants);
  const capacity = useConnection((s) => s.capacity);
  const selfId = useConnection((s) => s.selfId);
  const speaking = useVoice((s) => s.speaking);
  const inVoice = useVoice((s) => s.status === "connected");
  const [shareSeconds, setShareSeconds] = useState<number | null>(null);
  const now = useNow();
  const inPhase = flow.phaseStartedAt ? Math.max(0, Math.floor((now - flow.phaseStartedAt) / 1000)) : 0;
  const shareLeft = flow.shareEndsAt ? Math.max(0, Math.ceil((flow.shareEndsAt - now) / 1000)) : null;

  const byId = new Map(participants.map((p) => [p.id, p]));
  const waiting = participants.filter((p) => p.space === Spaces.Waiting);
  const seated = participants.filter((p) => p.space !== Spaces.Waiting);
  const holder = flow.roundActive ? byId.get(flow.roundHolder) : undefined;

  return (
    <aside className="facilitator-panel" aria-label="Facilitator panel">
      <h2>Facilitating</h2>
      <section aria-label="Agenda">
        <ol className="agenda">
          {AGENDA.map((step) => (
            <li key={step.phase}>
              <button
                type="button"
                aria-current={flow.phase === step.phase ? "step" : undefined}
                onClick={() => sendFacilitatorAction({ action: "setPhase", phase: step.phase })}
              >
                {step.label}
              </button>
            </li>
          ))}
        </ol>
        <p className="muted" role="timer">In this phase for {formatDuration(inPhase)}</p>
      </section>

      <section aria-label="Circle controls" className="panel-row">
        <button type="button" onClick={() => sendFacilitatorAction({ action: flow.locked ? "unlock" : "lock" })}>
          {flow.locked ? "Unlock session" : "Lock session"}
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

      <section aria-label="Talking piece">
        <h3>Talking piece</h3>
        {flow.roundActive ? (
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

      {flow.handQueue.length > 0 && (
        <section aria-label="Raised hands">
          <h3>Raised hands</h3>
          <ol>
            {flow.handQueue.map((id) => (
              <li key={id}>
                {byId.get(id)?.pseudonym ?? "Someone"}{" "}
                <button type="button" onClick={() => sendFacilitatorAction({ action: "inviteToSpeak", target: id })}>Invite to speak</button>
                <button type="button" onClick={() => sendFacilitatorAction({ action: "lowerHand", target: id })}>Lower</button>
              </li>
            ))}
          </ol>
        </section>
      )}

      {waiting.length > 0 && (
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
      )}

      <ReportsQueue />

      <section aria-label="Participants">
        <h3>In the circle</h3>
        <ul className="facilitator-people">
          {seated.map((p) => (
            <ParticipantRow key={p.id} p={p} self={p.id === selfId} speaking={speaking.includes(p.id)} inVoice={inVoice} capacity={capacity} />
          ))}
        </ul>
      </section>
    </aside>
  );
}

function ParticipantRow({ p, self, speaking, inVoice, capacity }: { p: ParticipantSummary; self: boolean; speaking: boolean; inVoice: boolean; capacity: number }) {
  const target = p.id;
  const badges = [
    isFacilitator(p) && "facilitator",
    speaking && "speaking",
    p.mutedByFacilitator ? "muted by facilitator" : p.muted && "muted",
    p.handRaised && "hand raised",
    p.away && "away",
    isBreakout(p.space) && `in ${p.space.slice("breakout:".length)}`,
    !p.connected && "reconnecting",
    inVoice && p.connected && !self && !p.voiceConnected && "no voice",
  ].filter(Boolean);
  return (
    <li data-participant={p.id}>
      <div>
        <span className="dot" style={{ background: p.color }} /> <strong>{p.pseudonym}</strong>
        {self && " (you)"} <span className="muted">seat {p.seat + 1}{badges.length ? ` · ${badges.join(" · ")}` : ""}</span>
      </div>
      {!self && (
        <div className="panel-row">
          {p.mutedByFacilitator ? (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "allowToSpeak", target })}>Allow to speak</button>
          ) : (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "mute", target })} aria-label={`Mute ${p.pseudonym}`}>Mute</button>
          )}
          {p.muted && !p.mutedByFacilitator && (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "askToUnmute", target })}>Ask to unmute</button>
          )}
          <select
            aria-label={`Move ${p.pseudonym} to seat`}
            value=""
            onChange={(e) => sendFacilitatorAction({ action: "moveSeat", target, seat: Number(e.target.value) })}
          >
            <option value="">Move to seat…</option>
            {Array.from({ length: capacity }, (_, i) => (
              <option key={i} value={i} disabled={i === p.seat}>Seat {i + 1}</option>
            ))}
          </select>
          {isBreakout(p.space) ? (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "bringBack", target })}>Bring back</button>
          ) : (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "sendToBreakout", target, breakout: "quiet-room" })}>Breakout</button>
          )}
          <button type="button" onClick={() => sendFacilitatorAction({ action: "sendToWaitingRoom", target })}>Waiting room</button>
          <button type="button" onClick={() => confirm(`Remove ${p.pseudonym} from this session?`) && sendFacilitatorAction({ action: "remove", target })}>Remove</button>
          <button type="button" className="danger" onClick={() => confirm(`Ban ${p.pseudonym} from this circle?`) && sendFacilitatorAction({ action: "ban", target })}>Ban</button>
        </div>
      )}
    </li>
  );
}
