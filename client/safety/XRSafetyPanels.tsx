import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { crisisWords, linesFor, REPORT_CATEGORIES, REPORT_CATEGORY_LABELS } from "../../shared/safety.ts";
import { currentLanguage } from "../i18n/index.ts";
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

/** Fixed phrases for chatting in VR, where there is no keyboard: they carry no personal details. Sent in the sender's language. */
export const quickPhrases = (t: TFunction): string[] => [
  t("safetyDialogs.phraseThanks"),
  t("safetyDialogs.phraseHearYou"),
  t("safetyDialogs.phraseSameHere"),
  t("safetyDialogs.phraseMoment"),
  t("safetyDialogs.phraseWelcome"),
];

/** Crisis resources in VR: the same text as on the desktop. */
export function XRCrisisPanel({ position }: { position: [number, number, number] }) {
  const { t } = useTranslation();
  const resources = useStore(crisisResources, (s) => s.resources);
  const offer = useStore(support, (s) => s.offer);
  const requested = useStore(support, (s) => s.requested);
  useEffect(() => void loadCrisisResources(), []);
  const country = likelyCountry();
  const ordered = orderedCountries(resources, country);
  const near = ordered.filter((c) => c.country === country || c.country === "*");
  const lines = [
    ...(offer ? [t(`crisis.offer_${offer.category}`, { defaultValue: SUPPORT_OFFER_TEXT[offer.category] })] : []),
    crisisWords(resources, currentLanguage()).intro,
    crisisWords(resources, currentLanguage()).emergency,
    ...(near.length > 1 ? near : ordered.slice(0, 3))
      .flatMap((c) => [`${c.name}:`, ...linesFor(c, currentLanguage()).map((l) => `• ${l.name}${l.contact ? ` ${l.contact}` : ""}${l.hours ? ` (${l.hours})` : ""}`)]),
  ];
  return (
    <XRPanel position={position} name="xr-crisis-panel" width={640}>
      <XRHeading>{t("crisis.title")}</XRHeading>
      {lines.map((line, i) => (
        <XRLine key={i}>{line}</XRLine>
      ))}
      <XRRow>
        {!requested && (
          <XRButton label={t("crisis.askFacilitator")} onPress={() => requestSupport(offer ? "chat-check" : "crisis-panel", offer?.category)} />
        )}
        <XRButton label={t("safetyDialogs.closeCrisis")} onPress={() => { setCrisisOpen(false); clearOffer(); }} />
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
        <XRHeading>{t("safetyDialogs.whoIsThisAbout")}</XRHeading>
        <XRRow>
          {others.slice(0, 15).map((p) => (
            <XRButton key={p.id} label={p.pseudonym} width={190} onPress={() => setChosen(p.id)} />
          ))}
        </XRRow>
        <XRRow>
          <XRButton label={t("safetyDialogs.close")} onPress={onClose} />
        </XRRow>
      </XRPanel>
    );
  }
  return (
    <XRPanel position={position} name="xr-person-panel" width={640}>
      <XRHeading>{person.pseudonym}</XRHeading>
      <XRRow>
        <XRButton label={t("safetyDialogs.muteNamedForMe", { name: person.pseudonym })} onPress={() => muteForMe(person.id, true)} />
        {!isFacilitator(person) && <XRButton label={t("safetyDialogs.blockNamed", { name: person.pseudonym })} tone="danger" onPress={() => (block(person.id), setChosen(null))} />}
      </XRRow>
      {iFacilitate && !isPrivateTalk(mySpace ?? "") && (
        <XRRow>
          <XRButton label={t("privateTalk.startNamed", { name: person.pseudonym })} tone="calm" onPress={() => (sendFacilitatorAction({ action: "talkPrivately", target: person.id }), onClose())} />
        </XRRow>
      )}
      <XRRow>
        {REPORT_CATEGORIES.map((c) => (
          <XRButton key={c} label={t("safetyDialogs.reportAs", { category: t(`safetyDialogs.reportCategory_${c}`, { defaultValue: REPORT_CATEGORY_LABELS[c] }) })} width={290} onPress={() => (report(person.id, c, ""), setChosen(null))} />
        ))}
      </XRRow>
      <XRRow>
        <XRButton label={t("safetyDialogs.back")} onPress={() => setChosen(null)} />
      </XRRow>
    </XRPanel>
  );
}

/** The chat in VR: the latest messages, and fixed phrases to send (no keyboard in a headset). */
export function XRChatPanel({ position, onClose }: { position: [number, number, number]; onClose: () => void }) {
  const { t } = useTranslation();
  const messages = useStore(chat, (s) => s.messages);
  const mutedForMe = useStore(safety, (s) => s.mutedForMe);
  const paused = useStore(chat, (s) => s.paused);
  const shown = messages.filter((m) => !mutedForMe.includes(m.from)).slice(-5);
  return (
    <XRPanel position={position} name="xr-chat-panel" width={640}>
      <XRHeading>{paused ? t("safetyDialogs.chatPaused") : t("safetyDialogs.chatNotSaved")}</XRHeading>
      {shown.length ? shown.map((m) => <XRLine key={m.id}>{`${m.pseudonym}: ${m.text}`}</XRLine>) : <XRLine muted>{t("safetyDialogs.noMessages")}</XRLine>}
      {!paused && (
        <XRRow>
          {quickPhrases(t).map((phrase) => (
            <XRButton key={phrase} label={phrase} onPress={() => sendChat(phrase)} tone="calm" />
          ))}
        </XRRow>
      )}
      <XRRow>
        <XRButton label={t("chat.close")} onPress={onClose} />
      </XRRow>
    </XRPanel>
  );
}
