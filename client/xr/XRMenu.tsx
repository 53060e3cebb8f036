import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import type { QUICK_PHRASES } from "../../shared/captions.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { seatTransform } from "../../shared/seats.ts";
import { leaveCircle, sendMessage } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { micBlock, muteButtonLabel } from "../voice/mic-reason.ts";
import { quickPhraseText } from "../voice/captions/phrases.ts";
import { useVoice } from "../voice/useVoice.ts";
import { setMasterVolume, setSelfMuted, voice } from "../voice/voice.ts";
import { xrControls } from "./controls.ts";
import { XRButton, XRLine, XRPanel, XRRow } from "./ui.tsx";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { leavePrivateTalk, usePrivateTalkPartner } from "../circle/PrivateTalkBar.tsx";
import { exitVR } from "./store.ts";
import { chat } from "../chat/chat-session.ts";
import { safety, setCrisisOpen } from "../safety/session.ts";
import { safetySettings, setBoundary } from "../safety/settings.ts";
import { toggleStepOut } from "../safety/step-out.ts";
import { fireSound, setFireVolume } from "../circle/fire/sound.ts";
import { nextSeatHeight, setVignette, xrComfort } from "./comfort.ts";
import { captionLines, setShowCaptions } from "../voice/captions/caption-lines.ts";
import { ownCaptions, sendQuickPhrase, startOwnCaptions, stopOwnCaptions } from "../voice/captions/own-captions.ts";
import { XRChatPanel, XRCrisisPanel, XRPeoplePanel, type XRSafetyPanel } from "../safety/XRSafetyPanels.tsx";

/** Safety panels float above the lap menu, facing you. */
const SAFETY_PANEL_POSITION: [number, number, number] = [0, 0.36, -0.08];
/** The quick phrases on the lap menu (the desktop strip has them all). */
const XR_PHRASES = ["Yes", "No", "Thank you", "I'd like to pass"] as const satisfies readonly (typeof QUICK_PHRASES)[number][];

export interface MenuButtonProps {
  label: string;
  active?: boolean;
  disabled?: boolean;
  onPress: () => void;
}

/** A lap-menu button, as an XRButton with its state as a tone. */
export function MenuButton({ label, active = false, disabled = false, onPress, width }: MenuButtonProps & { width?: number }) {
  return <XRButton label={label} tone={disabled ? "disabled" : active ? "active" : "normal"} onPress={onPress} width={width} />;
}

/** Comfort: the snap-turn vignette, seated eye height (applied on recentre) and the fire's crackle. */
function useComfortRow(): MenuButtonProps[] {
  const { t } = useTranslation();
  const comfort = useStore(xrComfort);
  const fire = useStore(fireSound, (s) => s.volume);
  return [
    { label: comfort.vignette ? t("vrMenu.vignetteOn") : t("vrMenu.vignetteOff"), active: comfort.vignette, onPress: () => setVignette(!comfort.vignette) },
    { label: t("vrMenu.height", { height: t(`vrMenu.height_${comfort.seatHeight}`) }), onPress: () => { nextSeatHeight(); xrControls.requestRecentre(); } },
    { label: t("vrMenu.fire", { percent: Math.round(fire * 100) }), onPress: () => setFireVolume(fire >= 0.99 ? 0 : fire + 0.25) },
  ];
}

/** Captions (client/voice/captions/): lines show under each speaker's avatar; quick phrases under yours. */
function useCaptionsRow(): MenuButtonProps[] {
  const { t } = useTranslation();
  const showCaptions = useStore(captionLines, (c) => c.show);
  const captioning = useStore(ownCaptions, (c) => c.status);
  return [
    { label: showCaptions ? t("vrMenu.captionsShown") : t("vrMenu.showCaptions"), active: showCaptions, onPress: () => setShowCaptions(!showCaptions) },
    {
      label: captioning === "unavailable" ? t("vrMenu.noCaptions") : captioning === "off" ? t("vrMenu.captionMyVoice") : t("vrMenu.captioningMyVoice"),
      active: captioning === "on",
      onPress: () => void (captioning === "on" || captioning === "starting" ? stopOwnCaptions() : startOwnCaptions()),
    },
  ];
}

/** The in-VR controls, on a lap panel in front of your seat: the same actions as the desktop bar. */
export function XRMenu({
  seat,
  capacity,
  facilitatorPanel,
}: {
  seat: number;
  capacity: number;
  /** For facilitators: shows or hides their panel. */
  facilitatorPanel?: { open: boolean; toggle: () => void };
}) {
  const me = useSelf();
  const selfMuted = useVoice((s) => s.selfMuted);
  const micAllowed = useVoice((s) => s.micAllowed);
  const master = useVoice((s) => s.masterVolume);
  const { t } = useTranslation();
  const flow = useConnection((s) => s.flow);
  const [safetyPanel, showPanel] = useState<XRSafetyPanel>("none");
  const crisisOpen = useStore(safety, (s) => s.crisisOpen);
  const unread = useStore(chat, (s) => s.unread);
  const boundary = useStore(safetySettings, (s) => s.boundary);
  const inTalk = isPrivateTalk(me?.space ?? "");
  const partner = usePrivateTalkPartner();
  const s = seatTransform(seat, capacity);
  const toward = 0.45; // metres in front of the seat, towards the fire
  const position: [number, number, number] = [s.x - Math.sin(s.yaw) * toward, 0.82, s.z - Math.cos(s.yaw) * toward];

  const rows: MenuButtonProps[][] = [
    // In a private conversation its way back comes first: one press.
    ...(inTalk ? [[{ label: t("privateTalk.back"), active: true, onPress: leavePrivateTalk }]] : []),
    [
      { label: muteButtonLabel(micBlock(me, flow), micAllowed, selfMuted, t), active: selfMuted || !micAllowed, disabled: !micAllowed, onPress: () => void setSelfMuted(!voice.getState().selfMuted) },
      { label: me?.handRaised ? t("circle.lowerHand") : t("circle.raiseHand"), active: me?.handRaised, onPress: () => sendMessage(ClientMessage.RaiseHand, { raised: !me?.handRaised }) },
      { label: me?.away ? t("circle.back") : t("circle.stepOut"), active: me?.away, onPress: () => toggleStepOut(me?.away ?? false) },
    ],
    [
      { label: t("vr.volumeDown", { percent: Math.round(master * 100) }), onPress: () => setMasterVolume(master - 0.1) },
      { label: t("vr.volumeUp"), onPress: () => setMasterVolume(master + 0.1) },
      { label: t("vr.recentre"), onPress: () => xrControls.requestRecentre() },
    ],
    useComfortRow(),
    [
      { label: t("circle.exitVR"), onPress: exitVR },
      { label: t("vr.leaveCircle"), onPress: () => { exitVR(); leaveCircle(); } },
      ...(facilitatorPanel
        ? [{ label: facilitatorPanel.open ? t("vr.hideFacilitation") : t("vr.facilitate"), active: facilitatorPanel.open, onPress: facilitatorPanel.toggle }]
        : []),
    ],
    // Safety (client/safety/XRSafetyPanels.tsx): the same as the desktop bar and people list.
    [
      { label: unread > 0 ? t("vr.chatUnread", { count: unread }) : t("vr.chat"), active: safetyPanel === "chat", onPress: () => showPanel(safetyPanel === "chat" ? "none" : "chat") },
      { label: t("vr.peopleSafety"), active: safetyPanel === "people", onPress: () => showPanel(safetyPanel === "people" ? "none" : "people") },
      { label: t("vr.crisisSupport"), active: crisisOpen, onPress: () => setCrisisOpen(!crisisOpen) },
      { label: boundary ? t("vr.boundaryOn") : t("vr.boundaryOff"), active: boundary, onPress: () => setBoundary(!boundary) },
    ],
    useCaptionsRow(),
    XR_PHRASES.map((phrase) => ({ label: quickPhraseText(phrase, t), onPress: () => sendQuickPhrase(quickPhraseText(phrase, t)) })),
  ];

  return (
    <group position={position} rotation={[0, s.yaw, 0]} name="xr-menu">
      <XRPanel name="xr-lap-menu" rotation={[-0.6, 0, 0]} width={960} anchorY="top">
        {inTalk && <XRLine>{`${partner ? t("privateTalk.with", { name: partner.pseudonym }) : t("privateTalk.title")} ${t("privateTalk.onlyYouTwo")}`}</XRLine>}
        {rows.map((row, r) => (
          <XRRow key={r}>
            {row.map((button) => (
              <MenuButton key={button.label} {...button} />
            ))}
          </XRRow>
        ))}
      </XRPanel>
      {crisisOpen ? (
        <XRCrisisPanel position={SAFETY_PANEL_POSITION} />
      ) : safetyPanel === "people" ? (
        <XRPeoplePanel position={SAFETY_PANEL_POSITION} onClose={() => showPanel("none")} />
      ) : safetyPanel === "chat" ? (
        <XRChatPanel position={SAFETY_PANEL_POSITION} onClose={() => showPanel("none")} />
      ) : null}
    </group>
  );
}
