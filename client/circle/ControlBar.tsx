import { useStore } from "zustand";
import { ClientMessage } from "../../shared/protocol.ts";
import { leaveCircle, sendMessage } from "../net/connection.ts";
import { useSelf } from "../net/useConnection.ts";
import { SafetyControls } from "../safety/SafetyControls.tsx";
import { toggleStepOut } from "../safety/step-out.ts";
import { VoiceControls } from "../voice/VoiceControls.tsx";
import { xrPresence } from "../xr/presence.ts";
import { FireVolume } from "./FireVolume.tsx";
import { SelfSpeaking } from "./SelfSpeaking.tsx";

/** The desktop's circle controls: VR, voice, hand, step out, safety, leave. */
export function ControlBar() {
  const me = useSelf();
  const xrSupported = useStore(xrPresence, (s) => s.supported && s.ready);
  const inVR = useStore(xrPresence, (s) => s.active);
  return (
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
  );
}
