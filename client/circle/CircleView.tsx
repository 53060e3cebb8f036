import { useEffect } from "react";
import { ClientMessage } from "../../shared/protocol.ts";
import { leaveCircle, sendMessage } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";
import { VoiceBridge } from "../voice/VoiceBridge.tsx";
import { VoiceControls } from "../voice/VoiceControls.tsx";
import { voice, setSelfMuted } from "../voice/voice.ts";
import { useStore } from "zustand";
import { xrPresence } from "../xr/presence.ts";
import { FacilitatorPanel } from "../facilitator/FacilitatorPanel.tsx";
import { CircleScene } from "./CircleScene.tsx";
import { FireVolume } from "./FireVolume.tsx";
import { SelfSpeaking } from "./SelfSpeaking.tsx";
import { SceneLoading } from "./SceneLoading.tsx";
import { RoundBar } from "./RoundBar.tsx";
import { WaitingRoom } from "./WaitingRoom.tsx";
import { PeopleList } from "./PeopleList.tsx";
import { Toasts } from "./Toasts.tsx";
import { ChatPanel } from "../chat/ChatPanel.tsx";
import { CrisisButton } from "../safety/CrisisPanel.tsx";
import { SafetyBridge } from "../safety/SafetyBridge.tsx";
import { SafetyControls } from "../safety/SafetyControls.tsx";
import { toggleStepOut } from "../safety/step-out.ts";

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
  const me = useConnection((s) => s.participants.find((p) => p.id === s.selfId));
  const xrSupported = useStore(xrPresence, (s) => s.supported && s.ready);
  const inVR = useStore(xrPresence, (s) => s.active);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "m" || (e.target as HTMLElement | null)?.tagName === "INPUT") return;
      const { selfMuted, micAllowed } = voice.getState();
      if (micAllowed) void setSelfMuted(!selfMuted);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (me?.space === "waiting") {
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
    <div className={me?.role === "facilitator" ? "circle-view facilitating" : "circle-view"}>
      <CircleScene />
      <SceneLoading />
      <VoiceBridge />
      <header className="circle-bar">
        <strong>{title}</strong>
        <span className="muted">{PHASE_LABELS[phase] ?? phase}</span>
        <span className="muted">{count} here</span>
      </header>

      {status === "reconnecting" && (
        <div className="banner" role="status">Reconnecting… your seat is being kept for you.</div>
      )}
      <RoundBar />
      {me?.role === "facilitator" ? <FacilitatorPanel /> : null}
      <PeopleList />
      <ChatPanel />
      <SafetyBridge />

      {/* Notices, the hint and the controls stack from the bottom, so a wrapped toolbar never covers them. */}
      <div className="dock">
        <Toasts />
        <p className="hint">Drag or use the arrow keys to look around. Headphones keep the circle free of echo.</p>
        <nav className="controls" aria-label="Circle controls">
          {xrSupported && (
            <button
              type="button"
              className="primary"
              onClick={() => void import("../xr/store.ts").then((m) => (inVR ? m.exitVR() : void m.enterVR()))}
            >
              {inVR ? "Exit VR" : "Enter VR"}
            </button>
          )}
          <SelfSpeaking />
          <VoiceControls />
          <FireVolume />
          <button
            type="button"
            aria-pressed={me?.handRaised ?? false}
            onClick={() => sendMessage(ClientMessage.RaiseHand, { raised: !me?.handRaised })}
          >
            {me?.handRaised ? "Lower hand" : "Raise hand"}
          </button>
          <button
            type="button"
            aria-pressed={me?.away ?? false}
            title="Take a break: your microphone mutes and the circle's sound lowers"
            onClick={() => toggleStepOut(me?.away ?? false)}
          >
            {me?.away ? "I'm back" : "Step out"}
          </button>
          <SafetyControls />
          <button type="button" className="leave" onClick={leaveCircle}>Leave</button>
        </nav>
      </div>
    </div>
  );
}
