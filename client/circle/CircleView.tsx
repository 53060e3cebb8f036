import { useEffect } from "react";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { VoiceBridge } from "../voice/VoiceBridge.tsx";
import { CaptionsBridge, CaptionsStrip } from "../voice/captions/CaptionsStrip.tsx";
import { voice, setSelfMuted } from "../voice/voice.ts";
import { FacilitatorPanel } from "../facilitator/FacilitatorPanel.tsx";
import { CircleScene } from "./CircleScene.tsx";
import { ControlBar } from "./ControlBar.tsx";
import { RoundBar } from "./RoundBar.tsx";
import { WaitingRoom } from "./WaitingRoom.tsx";
import { PeopleList } from "./PeopleList.tsx";
import { Toasts } from "./Toasts.tsx";
import { ChatPanel } from "../chat/ChatPanel.tsx";
import { CrisisButton } from "../safety/CrisisPanel.tsx";
import { SafetyBridge } from "../safety/SafetyBridge.tsx";
import { isFacilitator } from "../../shared/circle-state.ts";
import { Spaces } from "../../shared/facilitation.ts";

const PHASE_LABELS: Record<string, string> = {
  arrival: "Arrival",
  checkin: "Check-in round",
  sharing: "Open sharing",
  closing: "Closing round",
  ended: "Ended",
};

export default function CircleView() {
  const title = useConnection((s) => s.title);
  const phase = useConnection((s) => s.phase);
  const status = useConnection((s) => s.status);
  const count = useConnection((s) => s.participants.length);
  const me = useSelf();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "m" || (e.target as HTMLElement | null)?.tagName === "INPUT") return;
      const { selfMuted, micAllowed } = voice.getState();
      if (micAllowed) void setSelfMuted(!selfMuted);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (me?.space === Spaces.Waiting) {
    return (
      <div className="circle-view">
        <Toasts />
        <WaitingRoom />
        <nav className="controls" aria-label="Safety">
          <CrisisButton />
        </nav>
      </div>
    );
  }

  return (
    <div className={isFacilitator(me) ? "circle-view facilitating" : "circle-view"}>
      <CircleScene />
      <VoiceBridge />
      <CaptionsBridge />
      <header className="circle-bar">
        <strong>{title}</strong>
        <span className="muted">{PHASE_LABELS[phase] ?? phase}</span>
        <span className="muted">{count} here</span>
      </header>

      {status === "reconnecting" && (
        <div className="banner" role="status">Reconnecting… your seat is being kept for you.</div>
      )}
      <RoundBar />
      {isFacilitator(me) ? <FacilitatorPanel /> : null}
      <PeopleList />
      <ChatPanel />
      <SafetyBridge />

      {/* Notices, the hint and the controls stack from the bottom, so a wrapped toolbar never covers them. */}
      <div className="dock">
        <Toasts />
        <CaptionsStrip />
        <p className="hint">Drag or use the arrow keys to look around. Headphones keep the circle free of echo.</p>
        <ControlBar />
      </div>
    </div>
  );
}
