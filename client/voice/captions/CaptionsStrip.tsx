import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { type CaptionLine, QUICK_PHRASES } from "../../../shared/captions.ts";
import { ServerMessage } from "../../../shared/protocol.ts";
import { useConnection } from "../../net/useConnection.ts";
import { captionLines, clearCaptions, receiveCaption, setShowCaptions, visibleCaption } from "./caption-lines.ts";
import { ownCaptions, sendQuickPhrase, startOwnCaptions, stopOwnCaptions } from "./own-captions.ts";
import { quickPhraseText } from "./phrases.ts";

/** Why my voice is not captioned (own-captions.ts says it in English only), told apart by those words; anything else keeps them. */
function captionsNote(reason: string, t: TFunction): string {
  return reason === "On-device captions are not available in this browser, so your voice is not captioned. Quick phrases still work."
    ? t("voiceUi.captionsUnavailable")
    : reason;
}

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
  const { t } = useTranslation();
  const { show, lines } = useStore(captionLines);
  const own = useStore(ownCaptions);
  const people = useConnection((s) => s.participants);
  const [phrasesOpen, setPhrasesOpen] = useState(false);
  const shown = Object.values(lines).filter((line) => visibleCaption(line, show));
  const nameOf = (id: string) => people.find((p) => p.id === id)?.pseudonym ?? t("voiceUi.someone");
  return (
    <section className="captions" aria-label={t("voiceUi.captions")}>
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
          <input type="checkbox" checked={show} onChange={(e) => setShowCaptions(e.target.checked)} /> {t("voiceUi.showCaptions")}
        </label>
        <label title={t("voiceUi.captionHint")}>
          <input
            type="checkbox"
            checked={own.status === "on" || own.status === "starting"}
            onChange={(e) => void (e.target.checked ? startOwnCaptions() : stopOwnCaptions())}
          />{" "}
          {t("voiceUi.captionMyVoice")}
        </label>
        <button type="button" aria-expanded={phrasesOpen} onClick={() => setPhrasesOpen(!phrasesOpen)}>
          {t("voiceUi.quickPhrases")}
        </button>
        {own.reason && <span className="captions-note" role="status">{captionsNote(own.reason, t)}</span>}
      </div>
      {phrasesOpen && (
        <div className="quick-phrases" role="group" aria-label={t("voiceUi.quickPhrases")}>
          {QUICK_PHRASES.map((phrase) => {
            const text = quickPhraseText(phrase, t);
            return (
              <button key={phrase} type="button" onClick={() => sendQuickPhrase(text)}>
                {text}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
