import type { ThreeEvent } from "@react-three/fiber";
import { useEffect, useMemo, useState } from "react";
import * as THREE from "three";
import { useStore } from "zustand";
import { REPORT_CATEGORIES, REPORT_CATEGORY_LABELS } from "../../shared/safety.ts";
import { labelTexture } from "../circle/label-texture.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { SUPPORT_OFFER_TEXT } from "../../shared/crisis-support.ts";
import { crisisResources, likelyCountry, loadCrisisResources, orderedCountries } from "./crisis.ts";
import { clearOffer, requestSupport, support } from "./support.ts";
import { chat, sendChat } from "../chat/chat-session.ts";
import { block, muteForMe, report, safety, setCrisisOpen } from "./session.ts";
import { textPanelTexture } from "../xr/text-panel.ts";
import { isFacilitator } from "../../shared/circle-state.ts";

/** Which safety panel floats above the lap menu in VR. */
export type XRSafetyPanel = "none" | "people" | "chat";

const plane = new THREE.PlaneGeometry(1, 1);
const BUTTON_HEIGHT = 0.05;
/** Fixed phrases for chatting in VR, where there is no keyboard: they carry no personal details. */
export const QUICK_PHRASES = ["Thank you for sharing", "I hear you", "Same here", "I need a moment", "Welcome"];

function XRButton({ label, position, onPress, tone = "normal" }: { label: string; position: [number, number, number]; onPress: () => void; tone?: "normal" | "danger" | "calm" }) {
  const background = tone === "danger" ? "rgba(110, 44, 38, 0.95)" : tone === "calm" ? "rgba(40, 70, 90, 0.95)" : "rgba(40, 34, 50, 0.92)";
  const { texture, aspect } = useMemo(() => labelTexture(label, { background, width: 360 }), [label, background]);
  useEffect(() => () => texture.dispose(), [texture]);
  const press = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    onPress();
  };
  return (
    <mesh geometry={plane} position={position} scale={[BUTTON_HEIGHT * aspect, BUTTON_HEIGHT, 1]} onClick={press} name={`xr-button:${label}`}>
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}

function TextPanel({ lines, width, position, name }: { lines: string[]; width: number; position: [number, number, number]; name: string }) {
  const key = lines.join("\n");
  const { texture, aspect } = useMemo(() => textPanelTexture(key.split("\n")), [key]);
  useEffect(() => () => texture.dispose(), [texture]);
  return (
    <mesh geometry={plane} position={position} scale={[width, width / aspect, 1]} name={name}>
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}

/** Crisis resources in VR: the same text as on the desktop. */
export function XRCrisisPanel({ position }: { position: [number, number, number] }) {
  const resources = useStore(crisisResources, (s) => s.resources);
  const offer = useStore(support, (s) => s.offer);
  const requested = useStore(support, (s) => s.requested);
  useEffect(() => void loadCrisisResources(), []);
  const country = likelyCountry();
  const ordered = orderedCountries(resources, country);
  const near = ordered.filter((c) => c.country === country || c.country === "*");
  const lines = [
    "Crisis support",
    ...(offer ? [SUPPORT_OFFER_TEXT[offer.category]] : []),
    resources.intro,
    resources.emergency,
    ...(near.length > 1 ? near : ordered.slice(0, 3))
      .flatMap((c) => [`${c.name}:`, ...c.lines.map((l) => `• ${l.name}${l.contact ? ` ${l.contact}` : ""}${l.hours ? ` (${l.hours})` : ""}`)]),
  ];
  return (
    <group position={position} name="xr-crisis-panel">
      <TextPanel lines={lines} width={0.62} position={[0, 0.16, 0]} name="xr-crisis-text" />
      {!requested && (
        <XRButton label="Talk to a facilitator privately" position={[0, -0.1, 0.01]} onPress={() => requestSupport(offer ? "chat-check" : "crisis-panel", offer?.category)} />
      )}
      <XRButton label="Close crisis support" position={[0, -0.17, 0.01]} onPress={() => { setCrisisOpen(false); clearOffer(); }} />
    </group>
  );
}

/** People in the circle: mute for me, report (by category), block. */
export function XRPeoplePanel({ position, onClose }: { position: [number, number, number]; onClose: () => void }) {
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const mySpace = useSelf((me) => me?.space);
  const [chosen, setChosen] = useState<string | null>(null);
  const others = participants.filter((p) => p.id !== selfId && p.space === mySpace);
  const person = others.find((p) => p.id === chosen);

  if (!person) {
    return (
      <group position={position} name="xr-people-panel">
        <TextPanel lines={["Who is this about?"]} width={0.3} position={[0, 0.2, 0]} name="xr-people-title" />
        {others.slice(0, 12).map((p, i) => (
          <XRButton key={p.id} label={p.pseudonym} position={[((i % 3) - 1) * 0.22, 0.13 - Math.floor(i / 3) * 0.06, 0]} onPress={() => setChosen(p.id)} />
        ))}
        <XRButton label="Close" position={[0, -0.14, 0]} onPress={onClose} />
      </group>
    );
  }
  return (
    <group position={position} name="xr-person-panel">
      <TextPanel lines={[person.pseudonym]} width={0.3} position={[0, 0.2, 0]} name="xr-person-title" />
      <XRButton label={`Mute ${person.pseudonym} for me`} position={[-0.2, 0.13, 0]} onPress={() => muteForMe(person.id, true)} />
      {!isFacilitator(person) && (
        <XRButton label={`Block ${person.pseudonym}`} tone="danger" position={[0.2, 0.13, 0]} onPress={() => (block(person.id), setChosen(null))} />
      )}
      {REPORT_CATEGORIES.map((c, i) => (
        <XRButton
          key={c}
          label={`Report: ${REPORT_CATEGORY_LABELS[c]}`}
          position={[((i % 2) - 0.5) * 0.4, 0.06 - Math.floor(i / 2) * 0.06, 0]}
          onPress={() => (report(person.id, c, ""), setChosen(null))}
        />
      ))}
      <XRButton label="Back" position={[0, -0.14, 0]} onPress={() => setChosen(null)} />
    </group>
  );
}

/** The chat in VR: the latest messages, and fixed phrases to send (no keyboard in a headset). */
export function XRChatPanel({ position, onClose }: { position: [number, number, number]; onClose: () => void }) {
  const messages = useStore(chat, (s) => s.messages);
  const mutedForMe = useStore(safety, (s) => s.mutedForMe);
  const paused = useStore(chat, (s) => s.paused);
  const shown = messages.filter((m) => !mutedForMe.includes(m.from)).slice(-5);
  const lines = [
    paused ? "Chat (paused by the facilitator)" : "Chat (not saved anywhere)",
    ...(shown.length ? shown.map((m) => `${m.pseudonym}: ${m.text}`) : ["No messages yet."]),
  ];
  return (
    <group position={position} name="xr-chat-panel">
      <TextPanel lines={lines} width={0.62} position={[0, 0.17, 0]} name="xr-chat-text" />
      {!paused &&
        QUICK_PHRASES.map((phrase, i) => (
          <XRButton key={phrase} label={phrase} position={[((i % 3) - 1) * 0.22, -0.04 - Math.floor(i / 3) * 0.06, 0]} onPress={() => sendChat(phrase)} tone="calm" />
        ))}
      <XRButton label="Close chat" position={[0.22, -0.1, 0]} onPress={onClose} />
    </group>
  );
}
