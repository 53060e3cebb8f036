import { passTalkingPiece } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";

/** Who holds the talking piece; the holder passes it on from here. */
export function RoundBar() {
  const flow = useConnection((s) => s.flow);
  const selfId = useConnection((s) => s.selfId);
  const holder = useConnection((s) => s.participants.find((p) => p.id === s.flow.roundHolder));
  if (!flow.roundActive) return null;
  const mine = flow.roundHolder === selfId;
  return (
    <div className="round-bar" role="status">
      {mine ? (
        <>
          <span>The talking piece is with you. Take your time.</span>
          <button type="button" className="primary" onClick={passTalkingPiece}>Pass the piece</button>
        </>
      ) : (
        <span>{holder ? `${holder.pseudonym} holds the talking piece` : "The talking piece is on its way"}</span>
      )}
    </div>
  );
}
