import { useEffect, useRef, useState } from "react";
import { connection } from "../net/connection.ts";

/**
 * Tells screen readers what others do that a sighted person would see: "X raised a hand".
 * (Notices to you — muted by the facilitator, the talking piece is with you — are read from the
 * toasts' status region.) Visually hidden; polite, so it never cuts a voice off.
 */
export function Announcer() {
  const [message, setMessage] = useState("");
  const raised = useRef(new Set<string>());

  useEffect(() => {
    raised.current = new Set(connection.getState().participants.filter((p) => p.handRaised).map((p) => p.id));
    return connection.subscribe((s, prev) => {
      if (s.participants === prev.participants) return;
      const now = new Set<string>();
      for (const p of s.participants) {
        if (!p.handRaised) continue;
        now.add(p.id);
        if (!raised.current.has(p.id)) setMessage(p.id === s.selfId ? "You raised your hand." : `${p.pseudonym} raised a hand.`);
      }
      raised.current = now;
    });
  }, []);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
