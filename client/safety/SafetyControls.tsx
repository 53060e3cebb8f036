import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { chat, setChatOpen } from "../chat/chat-session.ts";
import { CrisisButton } from "./CrisisPanel.tsx";
import { safetySettings, setBoundary } from "./settings.ts";

/** Chat, crisis support and the personal boundary, for the desktop control bar. */
export function SafetyControls() {
  const { t } = useTranslation();
  const chatOpen = useStore(chat, (s) => s.open);
  const unread = useStore(chat, (s) => s.unread);
  const boundary = useStore(safetySettings, (s) => s.boundary);
  return (
    <>
      <button type="button" aria-pressed={chatOpen} onClick={() => setChatOpen(!chatOpen)}>
        {unread > 0 ? t("controls.chatUnread", { count: unread }) : t("controls.chat")}
      </button>
      <button
        type="button"
        className="boundary-toggle"
        aria-pressed={boundary}
        title={t("controls.boundaryHint")}
        onClick={() => setBoundary(!boundary)}
      >
        {boundary ? t("vr.boundaryOn") : t("vr.boundaryOff")}
      </button>
      <CrisisButton />
    </>
  );
}
