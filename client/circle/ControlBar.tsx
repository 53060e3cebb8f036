import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  const me = useSelf();
  const xrSupported = useStore(xrPresence, (s) => s.supported && s.ready);
  const inVR = useStore(xrPresence, (s) => s.active);
  return (
    <nav className="controls" aria-label={t("circle.controls")}>
      {xrSupported && (
        <button
          type="button"
          className="primary"
          onClick={() => void import("../xr/store.ts").then((m) => (inVR ? m.exitVR() : void m.enterVR()))}
        >
          {inVR ? t("circle.exitVR") : t("circle.enterVR")}
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
        {me?.handRaised ? t("circle.lowerHand") : t("circle.raiseHand")}
      </button>
      <button
        type="button"
        aria-pressed={me?.away ?? false}
        title={t("circle.breakHint")}
        onClick={() => toggleStepOut(me?.away ?? false)}
      >
        {me?.away ? t("circle.back") : t("circle.stepOut")}
      </button>
      <SafetyControls />
      <button type="button" className="leave" onClick={leaveCircle}>{t("circle.leave")}</button>
    </nav>
  );
}
