import type { ThreeEvent } from "@react-three/fiber";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import * as THREE from "three";
import { ClientMessage } from "../../shared/protocol.ts";
import { seatTransform } from "../../shared/seats.ts";
import { labelTexture } from "../circle/label-texture.ts";
import { leaveCircle, sendMessage } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { micBlock, muteLabel } from "../voice/mic-reason.ts";
import { useVoice } from "../voice/useVoice.ts";
import { setMasterVolume, setSelfMuted, voice } from "../voice/voice.ts";
import { xrControls } from "./controls.ts";
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

const BUTTON_HEIGHT = 0.06;
/** Safety panels float above the lap menu, facing you. */
const SAFETY_PANEL_POSITION: [number, number, number] = [0, 0.36, -0.08];
const plane = new THREE.PlaneGeometry(1, 1);
/** The quick phrases on the lap menu (the desktop strip has them all). */
const XR_PHRASES = ["Yes", "No", "Thank you", "I'd like to pass"] as const;

export interface MenuButtonProps {
  label: string;
  position: [number, number, number];
  active?: boolean;
  disabled?: boolean;
  onPress: () => void;
}

export function MenuButton({ label, position, active = false, disabled = false, onPress }: MenuButtonProps) {
  const background = disabled ? "rgba(60, 56, 66, 0.8)" : active ? "rgba(140, 100, 40, 0.95)" : "rgba(40, 34, 50, 0.92)";
  const { texture, aspect } = useMemo(() => labelTexture(label, { background, width: 320 }), [label, background]);
  useEffect(() => () => texture.dispose(), [texture]);
  const press = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (!disabled) onPress();
  };
  return (
    <mesh geometry={plane} position={position} scale={[BUTTON_HEIGHT * aspect, BUTTON_HEIGHT, 1]} onClick={press} name={`xr-button:${label}`}>
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}

/** Comfort: the snap-turn vignette, seated eye height (applied on recentre) and the fire's crackle. */
function useComfortRow(): MenuButtonProps[] {
  const comfort = useStore(xrComfort);
  const fire = useStore(fireSound, (s) => s.volume);
  return [
    { label: comfort.vignette ? "Vignette on" : "Vignette off", position: [0, 0, 0], active: comfort.vignette, onPress: () => setVignette(!comfort.vignette) },
    { label: `Height: ${comfort.seatHeight}`, position: [0, 0, 0], onPress: () => { nextSeatHeight(); xrControls.requestRecentre(); } },
    { label: `Fire ${Math.round(fire * 100)}%`, position: [0, 0, 0], onPress: () => setFireVolume(fire >= 0.99 ? 0 : fire + 0.25) },
  ];
}

/** Captions (client/voice/captions/): lines show under each speaker's avatar; quick phrases under yours. */
function useCaptionsRow(): MenuButtonProps[] {
  const showCaptions = useStore(captionLines, (c) => c.show);
  const captioning = useStore(ownCaptions, (c) => c.status);
  return [
    { label: showCaptions ? "Captions shown" : "Show captions", position: [0, 0, 0], active: showCaptions, onPress: () => setShowCaptions(!showCaptions) },
    {
      label: captioning === "unavailable" ? "No on-device captions" : captioning === "off" ? "Caption my voice" : "Captioning my voice",
      position: [0, 0, 0],
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
  const s = seatTransform(seat, capacity);
  const toward = 0.45; // metres in front of the seat, towards the fire
  const position: [number, number, number] = [s.x - Math.sin(s.yaw) * toward, 0.82, s.z - Math.cos(s.yaw) * toward];

  const rows: MenuButtonProps[][] = [
    [
      { label: muteLabel(micBlock(me, flow), micAllowed, selfMuted), position: [0, 0, 0], active: selfMuted || !micAllowed, disabled: !micAllowed, onPress: () => void setSelfMuted(!voice.getState().selfMuted) },
      { label: me?.handRaised ? t("circle.lowerHand") : t("circle.raiseHand"), position: [0, 0, 0], active: me?.handRaised, onPress: () => sendMessage(ClientMessage.RaiseHand, { raised: !me?.handRaised }) },
      { label: me?.away ? t("circle.back") : t("circle.stepOut"), position: [0, 0, 0], active: me?.away, onPress: () => toggleStepOut(me?.away ?? false) },
    ],
    [
      { label: t("vr.volumeDown", { percent: Math.round(master * 100) }), position: [0, 0, 0], onPress: () => setMasterVolume(master - 0.1) },
      { label: t("vr.volumeUp"), position: [0, 0, 0], onPress: () => setMasterVolume(master + 0.1) },
      { label: t("vr.recentre"), position: [0, 0, 0], onPress: () => xrControls.requestRecentre() },
    ],
    useComfortRow(),
    [
      { label: t("circle.exitVR"), position: [0, 0, 0], onPress: exitVR },
      { label: t("vr.leaveCircle"), position: [0, 0, 0], onPress: () => { exitVR(); leaveCircle(); } },
      ...(facilitatorPanel
        ? [{ label: facilitatorPanel.open ? t("vr.hideFacilitation") : t("vr.facilitate"), position: [0, 0, 0] as [number, number, number], active: facilitatorPanel.open, onPress: facilitatorPanel.toggle }]
        : []),
    ],
    // Safety (client/safety/XRSafetyPanels.tsx): the same as the desktop bar and people list.
    [
      { label: unread > 0 ? t("vr.chatUnread", { count: unread }) : t("vr.chat"), position: [0, 0, 0], active: safetyPanel === "chat", onPress: () => showPanel(safetyPanel === "chat" ? "none" : "chat") },
      { label: t("vr.peopleSafety"), position: [0, 0, 0], active: safetyPanel === "people", onPress: () => showPanel(safetyPanel === "people" ? "none" : "people") },
      { label: t("vr.crisisSupport"), position: [0, 0, 0], active: crisisOpen, onPress: () => setCrisisOpen(!crisisOpen) },
      { label: boundary ? t("vr.boundaryOn") : t("vr.boundaryOff"), position: [0, 0, 0], active: boundary, onPress: () => setBoundary(!boundary) },
    ],
    useCaptionsRow(),
    XR_PHRASES.map((phrase) => ({ label: phrase, position: [0, 0, 0] as [number, number, number], onPress: () => sendQuickPhrase(phrase) })),
  ];

  return (
    <group position={position} rotation={[0, s.yaw, 0]} name="xr-menu">
      <group rotation={[-0.6, 0, 0]}>
        {rows.flatMap((row, r) =>
          row.map((button, c) => (
            <MenuButton key={`${r}:${c}`} {...button} position={[(c - (row.length - 1) / 2) * 0.28, -r * 0.08, 0]} />
          )),
        )}
      </group>
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
