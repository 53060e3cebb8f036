import { leaveCircle } from "../net/connection.ts";

/** A calm place to wait until a facilitator lets you in. */
export function WaitingRoom() {
  return (
    <div className="waiting-room" role="status">
      <h2>You're in the waiting room</h2>
      <p>The circle is settling in. A facilitator will let you in shortly; there's no rush.</p>
      <p className="muted">Take a slow breath while you wait. Nobody in the circle can see or hear you here.</p>
      <button type="button" className="leave" onClick={leaveCircle}>Leave</button>
    </div>
  );
}
