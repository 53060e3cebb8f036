import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { type CaptionLine, QUICK_PHRASES } from "../../../shared/captions.ts";
import { ServerMessage } from "../../../shared/protocol.ts";
import { useConnection } from "../../net/useConnection.ts";
import { captionLines, clearCaptions, receiveCaption, setShowCaptions, visibleCaption } from "./caption-lines.ts";
import { ownCaptions, sendQuickPhrase, startOwnCaptions, stopOwnCaptions } from "./own-captions.ts";

/** Receives the room's caption lines while in the circle (nothing is kept after they fade). */
export function CaptionsBridge() {
  const room = useConnection((s) => s.room);
  useEffect(() => {
    if (!room) return;
    const off = room.onMessage(ServerMessage.Caption, (line: CaptionLine) => receiveCaption(line));
    return () => {
      off();
      clearCaptions();
      stopOwnCaptions();
    };
  }, [room]);
  return null;
}

/** The desktop captions strip: lines by speaker, the switches, and the quick phrases. */
export function CaptionsStrip() {
  const { show, lines } = useStore(captionLines);
  const own = useStore(ownCaptions);
  const people = useConnection((s) => s.participants);
  const [phrasesOpen, setPhrasesOpen] = useState(false);
  const shown = Object.values(lines).filter((line) => visibleCaption(line, show));
  const nameOf = (id: string) => people.find((p) => p.id === id)?.pseudonym ?? "Someone";
  return (
    <section className="captions" aria-label="Captions">
      {shown.length > 0 && (
        <ul className="captions-strip" data-testid="captions-strip" aria-live="polite">
          {shown.map((line) => (
            <li key={line.from} data-participant={line.from} data-kind={line.kind}>
              <strong>{nameOf(line.from)}</strong> {line.text}
            </li>
          ))}
        </ul>
      )}
      <div className="captions-controls">
        <label>
          <input type="checkbox" checked={show} onChange={(e) => setShowCaptions(e.target.checked)} /> Show captions
        </label>
        <label title="Transcribed on this device only; others see a captions mark on you">
          <input
            type="checkbox"
            checked={own.status === "on" || own.status === "starting"}
            onChange={(e) => void (e.target.checked ? startOwnCaptions() : stopOwnCaptions())}
          />{" "}
          Caption my voice
        </label>
        <button type="button" aria-expanded={phrasesOpen} onClick={() => setPhrasesOpen(!phrasesOpen)}>
          Quick phrases
        </button>
        {own.reason && <span className="captions-note" role="status">{own.reason}</span>}
      </div>
      {phrasesOpen && (
        <div className="quick-phrases" role="group" aria-label="Quick phrases">
          {QUICK_PHRASES.map((phrase) => (
            <button key={phrase} type="button" onClick={() => sendQuickPhrase(phrase)}>
              {phrase}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
