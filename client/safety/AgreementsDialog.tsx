import { useEffect, useRef } from "react";
import { useStore } from "zustand";
import { agreementsPrompt, COMMUNITY_AGREEMENTS } from "./agreements.ts";
import { CrisisLink } from "./CrisisPanel.tsx";
import "./session.ts"; // safety messages are wired as soon as a room exists
import "./safety.css";

/** Hearth's community agreements (and a scheduled circle's own), to read and accept before entering. */
export function AgreementsDialog() {
  const request = useStore(agreementsPrompt, (s) => s.request);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
    if (!request && dialog.current?.open) dialog.current.close();
  }, [request]);
  if (!request) return null;
  return (
    <dialog ref={dialog} className="safety-dialog agreements" aria-labelledby="agreements-title" onCancel={() => request.resolve(false)}>
      <h2 id="agreements-title">Before you join: our community agreements</h2>
      <ol>
        {COMMUNITY_AGREEMENTS.map((a) => (
          <li key={a.title}>
            <strong>{a.title}.</strong> {a.text}
          </li>
        ))}
      </ol>
      {request.circleText && (
        <section aria-label="This circle's own agreements">
          <h3>{request.circleTitle ? `${request.circleTitle}'s agreements` : "This circle's agreements"}</h3>
          <p className="agreements-text">{request.circleText}</p>
        </section>
      )}
      <p className="muted">
        Need help right now? <CrisisLink />
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => request.resolve(false)}>Not now</button>
        <button type="button" className="primary" onClick={() => request.resolve(true)}>I agree: take me in</button>
      </div>
    </dialog>
  );
}
