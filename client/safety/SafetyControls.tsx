import { useStore } from "zustand";
import { chat, setChatOpen } from "../chat/chat-session.ts";
import { CrisisButton } from "./CrisisPanel.tsx";
import { safetySettings, setBoundary } from "./settings.ts";

/** Chat, crisis support and the personal boundary, for the desktop control bar. */
export function SafetyControls() {
  const chatOpen = useStore(chat, (s) => s.open);
  const unread = useStore(chat, (s) => s.unread);
  const boundary = useStore(safetySettings, (s) => s.boundary);
  return (
    <>
      <button type="button" aria-pressed={chatOpen} onClick={() => setChatOpen(!chatOpen)}>
        Chat{unread > 0 ? ` (${unread})` : ""}
      </button>
      <button
        type="button"
        className="boundary-toggle"
        aria-pressed={boundary}
        title="Avatars closer than 1.2 m to you fade, so nobody can get in your face. Change it any time."
        onClick={() => setBoundary(!boundary)}
      >
        {boundary ? "Boundary on" : "Boundary off"}
      </button>
      <CrisisButton />
    </>
  );
}
