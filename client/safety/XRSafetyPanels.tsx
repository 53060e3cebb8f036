import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { REPORT_CATEGORIES, REPORT_CATEGORY_LABELS } from "../../shared/safety.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { SUPPORT_OFFER_TEXT } from "../../shared/crisis-support.ts";
import { crisisResources, likelyCountry, loadCrisisResources, orderedCountries } from "./crisis.ts";
import { clearOffer, requestSupport, support } from "./support.ts";
import { chat, sendChat } from "../chat/chat-session.ts";
import { block, muteForMe, report, safety, setCrisisOpen } from "./session.ts";
import { XRButton, XRHeading, XRLine, XRPanel, XRRow } from "../xr/ui.tsx";
import { isFacilitator } from "../../shared/circle-state.ts";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { sendFacilitatorAction } from "../net/connection.ts";

/** Which safety panel floats above the lap menu in VR. */
export type XRSafetyPanel = "none" | "people" | "chat";

/** Fixed phrases for chatting in VR, where there is no keyboard: they carry no personal details. */
export const QUICK_PHRASES = ["Thank you for sharing", "I hear you", "Same here", "I need a moment", "Welcome"];

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
    ...(offer ? [SUPPORT_OFFER_TEXT[offer.category]] : []),
    resources.intro,
    resources.emergency,
    ...(near.length > 1 ? near : ordered.slice(0, 3))
      .flatMap((c) => [`${c.name}:`, ...c.lines.map((l) => `• ${l.name}${l.contact ? ` ${l.contact}` : ""}${l.hours ? ` (${l.hours})` : ""}`)]),
  ];
  return (
    <XRPanel position={position} name="xr-crisis-panel" width={640}>
      <XRHeading>Crisis support</XRHeading>
      {lines.map((line, i) => (
        <XRLine key={i}>{line}</XRLine>
      ))}
      <XRRow>
        {!requested && (
          <XRButton label="Talk to a facilitator privately" onPress={() => requestSupport(offer ? "chat-check" : "crisis-panel", offer?.category)} />
        )}
        <XRButton label="Close crisis support" onPress={() => { setCrisisOpen(false); clearOffer(); }} />
      </XRRow>
    </XRPanel>
  );
}

/** People in the circle: mute for me, report (by category), block. */
export function XRPeoplePanel({ position, onClose }: { position: [number, number, number]; onClose: () => void }) {
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const mySpace = useSelf((me) => me?.space);
  const iFacilitate = useSelf((me) => isFacilitator(me));
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const others = participants.filter((p) => p.id !== selfId && p.space === mySpace);
  const person = others.find((p) => p.id === chosen);

  if (!person) {
    return (
      <XRPanel position={position} name="xr-people-panel" width={640}>
        <XRHeading>Who is this about?</XRHeading>
        <XRRow>
          {others.slice(0, 15).map((p) => (
            <XRButton key={p.id} label={p.pseudonym} width={190} onPress={() => setChosen(p.id)} />
          ))}
        </XRRow>
        <XRRow>
          <XRButton label="Close" onPress={onClose} />
        </XRRow>
      </XRPanel>
    );
  }
  return (
    <XRPanel position={position} name="xr-person-panel" width={640}>
      <XRHeading>{person.pseudonym}</XRHeading>
      <XRRow>
        <XRButton label={`Mute ${person.pseudonym} for me`} onPress={() => muteForMe(person.id, true)} />
        {!isFacilitator(person) && <XRButton label={`Block ${person.pseudonym}`} tone="danger" onPress={() => (block(person.id), setChosen(null))} />}
      </XRRow>
      {iFacilitate && !isPrivateTalk(mySpace ?? "") && (
        <XRRow>
          <XRButton label={t("privateTalk.startNamed", { name: person.pseudonym })} tone="calm" onPress={() => (sendFacilitatorAction({ action: "talkPrivately", target: person.id }), onClose())} />
        </XRRow>
      )}
      <XRRow>
        {REPORT_CATEGORIES.map((c) => (
          <XRButton key={c} label={`Report: ${REPORT_CATEGORY_LABELS[c]}`} width={290} onPress={() => (report(person.id, c, ""), setChosen(null))} />
        ))}
      </XRRow>
      <XRRow>
        <XRButton label="Back" onPress={() => setChosen(null)} />
      </XRRow>
    </XRPanel>
  );
}

/** The chat in VR: the latest messages, and fixed phrases to send (no keyboard in a headset). */
export function XRChatPanel({ position, onClose }: { position: [number, number, number]; onClose: () => void }) {
  const messages = useStore(chat, (s) => s.messages);
  const mutedForMe = useStore(safety, (s) => s.mutedForMe);
  const paused = useStore(chat, (s) => s.paused);
  const shown = messages.filter((m) => !mutedForMe.includes(m.from)).slice(-5);
  return (
    <XRPanel position={position} name="xr-chat-panel" width={640}>
      <XRHeading>{paused ? "Chat (paused by the facilitator)" : "Chat (not saved anywhere)"}</XRHeading>
      {shown.length ? shown.map((m) => <XRLine key={m.id}>{`${m.pseudonym}: ${m.text}`}</XRLine>) : <XRLine muted>No messages yet.</XRLine>}
      {!paused && (
        <XRRow>
          {QUICK_PHRASES.map((phrase) => (
            <XRButton key={phrase} label={phrase} onPress={() => sendChat(phrase)} tone="calm" />
          ))}
        </XRRow>
      )}
      <XRRow>
        <XRButton label="Close chat" onPress={onClose} />
      </XRRow>
    </XRPanel>
  );
}
