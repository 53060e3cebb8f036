import { ClientMessage } from "../../shared/protocol.ts";
import { leaveCircle, sendMessage } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";
import { CircleScene } from "./CircleScene.tsx";

const PHASE_LABELS: Record<string, string> = {
  arrival: "Arrival",
  checkin: "Check-in round",
  sharing: "Open sharing",
  closing: "Closing round",
  ended: "Ended",
};

export function CircleView() {
  const title = useConnection((s) => s.title);
  const phase = useConnection((s) => s.phase);
  const status = useConnection((s) => s.status);
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const refusal = useConnection((s) => s.lastRefusal);
  const me = participants.find((p) => p.id === selfId);

  return (
    <div className="circle-view">
      <CircleScene />
      <header className="circle-bar">
        <strong>{title}</strong>
        <span className="muted">{PHASE_LABELS[phase] ?? phase}</span>
        <span className="muted">{participants.length} here</span>
      </header>

      {status === "reconnecting" && (
        <div className="banner" role="status">Reconnecting… your seat is being kept for you.</div>
      )}
      {refusal && (
        <div className="toast" role="alert">{refusal.message}</div>
      )}

      <aside className="people" aria-label="People in the circle">
        <ul>
          {participants.map((p) => (
            <li key={p.id} data-participant={p.id}>
              <span className="dot" style={{ background: p.color }} />
              <span>{p.pseudonym}{p.id === selfId ? " (you)" : ""}</span>
              {p.handRaised && <span title="Hand raised" aria-label="hand raised">✋</span>}
              {p.away && <span className="muted">away</span>}
              {!p.connected && <span className="muted">reconnecting</span>}
            </li>
          ))}
        </ul>
      </aside>

      <nav className="controls" aria-label="Circle controls">
        <button
          type="button"
          aria-pressed={me?.handRaised ?? false}
          onClick={() => sendMessage(ClientMessage.RaiseHand, { raised: !me?.handRaised })}
        >
          {me?.handRaised ? "Lower hand" : "Raise hand"}
        </button>
        <button
          type="button"
          aria-pressed={me?.away ?? false}
          onClick={() => sendMessage(ClientMessage.Away, { away: !me?.away })}
        >
          {me?.away ? "I'm back" : "Step out"}
        </button>
        <button type="button" className="leave" onClick={leaveCircle}>Leave</button>
      </nav>
      <p className="hint">Drag or use the arrow keys to look around.</p>
    </div>
  );
}
