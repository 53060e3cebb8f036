import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { type CheckInMoment, MOODS } from "../../shared/checkins.ts";
import { chat } from "../chat/chat-session.ts";
import { checkIns, putAside, sendCheckIn, sendCheckInAfter, wantsAnswer } from "./check-in.ts";

const THANKS_MS = 8000;

/** The five moods, low to high: a face-like mark each, named for screen readers. */
const MARKS = ["◔", "◑", "◕", "●", "✺"] as const;

interface CardProps {
  moment: CheckInMoment;
  /** After the circle has closed: no room to tell the facilitators through, only the count. */
  afterClosing?: boolean;
}

/**
 * One tap, optional and anonymous: how are you arriving (or leaving)? A mood sends at once; "I'd
 * like someone to check in with me" reaches the facilitators privately. Never blocks the circle.
 */
export function CheckInCard({ moment, afterClosing = false }: CardProps) {
  const { t } = useTranslation();
  const [wants, setWants] = useState(false);
  const send = (mood: number | null) => {
    if (afterClosing) {
      if (mood !== null) void sendCheckInAfter(mood);
    } else sendCheckIn({ moment, mood, wantsCheckIn: wants });
  };
  const title = moment === "before" ? t("circleGuide.checkIn.beforeTitle") : t("circleGuide.checkIn.afterTitle");
  return (
    <section className="check-in-card" aria-label={title}>
      <h2>{title}</h2>
      <div role="group" aria-label={t("circleGuide.checkIn.scale")} className="moods">
        {MOODS.map((mood) => (
          <button key={mood} type="button" onClick={() => send(mood)} aria-label={t(`circleGuide.checkIn.mood_${mood}`)} title={t(`circleGuide.checkIn.mood_${mood}`)}>
            <span aria-hidden="true">{MARKS[mood - 1]}</span>
            <small>{t(`circleGuide.checkIn.mood_${mood}`)}</small>
          </button>
        ))}
      </div>
      {!afterClosing && (
        <label className="wants">
          <input type="checkbox" checked={wants} onChange={(e) => setWants(e.target.checked)} />
          {t("circleGuide.checkIn.wantsCheckIn")}
        </label>
      )}
      {wants && <p className="muted">{t("circleGuide.checkIn.wantsCheckInNote")}</p>}
      <p className="muted">{t("circleGuide.checkIn.optional")}</p>
      <div className="actions">
        {wants && <button type="button" className="primary" onClick={() => send(null)}>{t("circleGuide.checkIn.send")}</button>}
        <button type="button" onClick={() => putAside(moment)}>{t("circleGuide.checkIn.skip")}</button>
      </div>
    </section>
  );
}

/** The thank-you line, or what went wrong. */
export function CheckInStatus() {
  const { t } = useTranslation();
  const last = useStore(checkIns, (s) => s.last);
  const error = useStore(checkIns, (s) => s.error);
  // The thank-you is a moment, not a fixture: it goes after a while.
  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => checkIns.setState({ last: null }), THANKS_MS);
    return () => clearTimeout(timer);
  }, [last]);
  if (error) return <p role="alert" className="error check-in-status">{t("circleGuide.checkIn.failed", { reason: error })}</p>;
  if (!last) return null;
  return <p role="status" className="muted check-in-status">{last.wantsCheckIn ? t("circleGuide.checkIn.thanksWants") : t("circleGuide.checkIn.thanks")}</p>;
}

/** In the circle: "before" on arriving, "after" once the circle reaches its closing. */
export function CircleCheckIn({ closing }: { closing: boolean }) {
  const moment: CheckInMoment = closing ? "after" : "before";
  const open = useStore(checkIns, (s) => wantsAnswer(s, moment));
  // The chat opens in the same corner: the check-in waits until it is closed again.
  const chatOpen = useStore(chat, (s) => s.open);
  if (chatOpen) return null;
  return open ? <CheckInCard moment={moment} /> : <CheckInStatus />;
}

/** On the page after the circle closed: the "after" check-in if it is still open. */
export function AfterCheckIn() {
  const open = useStore(checkIns, (s) => wantsAnswer(s, "after"));
  return open ? <CheckInCard moment="after" afterClosing /> : <CheckInStatus />;
}
