import { useTranslation } from "react-i18next";
import { Suspense, useEffect } from "react";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { VoiceBridge } from "../voice/VoiceBridge.tsx";
import { CaptionsBridge, CaptionsStrip } from "../voice/captions/CaptionsStrip.tsx";
import { voice, setSelfMuted } from "../voice/voice.ts";
import { CircleScene } from "./CircleScene.tsx";
import { ControlBar } from "./ControlBar.tsx";
import { SceneLoading } from "./SceneLoading.tsx";
import { RoundBar } from "./RoundBar.tsx";
import { PrivateTalkBar } from "./PrivateTalkBar.tsx";
import { GuideCard } from "./GuideCard.tsx";
import { CircleCheckIn } from "./CheckInCard.tsx";
import { WaitingRoom } from "./WaitingRoom.tsx";
import { PeopleList } from "./PeopleList.tsx";
import { Announcer } from "./Announcer.tsx";
import { Toasts } from "./Toasts.tsx";
import { CrisisButton } from "../safety/CrisisPanel.tsx";
import { SafetyBridge } from "../safety/SafetyBridge.tsx";
import { isFacilitator } from "../../shared/circle-state.ts";
import { isPrivateTalk, Spaces } from "../../shared/facilitation.ts";
import { lazyChunk, PartBoundary } from "../lazy-chunk.tsx";

// Chunks of their own: only facilitators need their panel, and the chat can follow the scene.
const FacilitatorPanel = lazyChunk(() => import("../facilitator/FacilitatorPanel.tsx").then((m) => ({ default: m.FacilitatorPanel })));
const ChatPanel = lazyChunk(() => import("../chat/ChatPanel.tsx").then((m) => ({ default: m.ChatPanel })));

const PHASE_LABELS: Record<string, string> = {
  arrival: "facilitator.phaseArrival",
  checkin: "facilitator.phaseCheckIn",
  sharing: "facilitator.phaseSharing",
  closing: "facilitator.phaseClosing",
  ended: "view.ended",
};

export default function CircleView() {
  const { t } = useTranslation();
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
        <Announcer />
        <WaitingRoom />
        <nav className="controls" aria-label={t("circleGuide.scene.safety")}>
          <CrisisButton />
        </nav>
      </div>
    );
  }

  return (
    <div className={isFacilitator(me) ? "circle-view facilitating" : "circle-view"}>
      <CircleScene />
      <SceneLoading />
      <VoiceBridge />
      <CaptionsBridge />
      <header className="circle-bar">
        <strong>{title}</strong>
        <span className="muted">{PHASE_LABELS[phase] ? t(PHASE_LABELS[phase]) : phase}</span>
        <span className="muted">{t("view.here", { count })}</span>
      </header>

      {status === "reconnecting" && (
        <div className="banner" role="status">{t("view.reconnecting")}</div>
      )}
      {/* The round is the main circle's: in a private conversation it is not shown. */}
      {!isPrivateTalk(me?.space ?? "") && <RoundBar />}
      {!isPrivateTalk(me?.space ?? "") && <GuideCard />}
      {/* Facilitators have their panel there; a participant's check-in sits in that corner instead. */}
      {!isFacilitator(me) && <CircleCheckIn closing={phase === "closing"} />}
      <PartBoundary>
        <Suspense fallback={null}>{isFacilitator(me) ? <FacilitatorPanel /> : null}</Suspense>
      </PartBoundary>
      <PeopleList />
      <PartBoundary>
        <Suspense fallback={null}>
          <ChatPanel />
        </Suspense>
      </PartBoundary>
      <SafetyBridge />

      {/* Notices, the hint and the controls stack from the bottom, so a wrapped toolbar never covers them. */}
      <div className="dock">
        <PrivateTalkBar />
        <Toasts />
        <Announcer />
        <CaptionsStrip />
        <p className="hint">{t("circleGuide.scene.lookHint")}</p>
        <ControlBar />
      </div>
    </div>
  );
}
