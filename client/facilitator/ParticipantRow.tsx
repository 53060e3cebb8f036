import { isFacilitator } from "../../shared/circle-state.ts";
import { isBreakout } from "../../shared/facilitation.ts";
import { type ParticipantSummary, sendFacilitatorAction } from "../net/connection.ts";

/** One person in the facilitator's list: what is going on with them, and what you can do. */
export function ParticipantRow({ p, self, speaking, inVoice, capacity }: { p: ParticipantSummary; self: boolean; speaking: boolean; inVoice: boolean; capacity: number }) {
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
            <button type="button" onClick={() => sendFacilitatorAction({ action: "allowToSpeak", target })} aria-label={`Allow to speak: ${p.pseudonym}`}>Allow to speak</button>
          ) : (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "mute", target })} aria-label={`Mute ${p.pseudonym}`}>Mute</button>
          )}
          {p.muted && !p.mutedByFacilitator && (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "askToUnmute", target })} aria-label={`Ask to unmute: ${p.pseudonym}`}>Ask to unmute</button>
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
            <button type="button" onClick={() => sendFacilitatorAction({ action: "bringBack", target })} aria-label={`Bring back: ${p.pseudonym}`}>Bring back</button>
          ) : (
            <button type="button" onClick={() => sendFacilitatorAction({ action: "sendToBreakout", target, breakout: "quiet-room" })} aria-label={`Breakout: ${p.pseudonym}`}>Breakout</button>
          )}
          <button type="button" onClick={() => sendFacilitatorAction({ action: "sendToWaitingRoom", target })} aria-label={`Waiting room: ${p.pseudonym}`}>Waiting room</button>
          <button type="button" onClick={() => confirm(`Remove ${p.pseudonym} from this session?`) && sendFacilitatorAction({ action: "remove", target })} aria-label={`Remove: ${p.pseudonym}`}>Remove</button>
          <button type="button" className="danger" onClick={() => confirm(`Ban ${p.pseudonym} from this circle?`) && sendFacilitatorAction({ action: "ban", target })} aria-label={`Ban: ${p.pseudonym}`}>Ban</button>
        </div>
      )}
    </li>
  );
}
