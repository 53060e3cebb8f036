import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { isPrivateTalk, Spaces } from "../../shared/facilitation.ts";
import { seatTransform } from "../../shared/seats.ts";
import { sendFacilitatorAction } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { support } from "../safety/support.ts";
import { leavePrivateTalk } from "../circle/PrivateTalkBar.tsx";
import { MenuButton } from "./XRMenu.tsx";
import { XRHeading, XRLine, XRPanel, XRRow } from "./ui.tsx";

/**
 * The facilitator's panel in VR, summoned from the lap menu: the circle's main controls, who may
 * need support, and for each person in seat order mute or allow, lower hand and a private
 * conversation. The desktop panel has the rest.
 */
export function XRFacilitatorPanel({ seat, capacity }: { seat: number; capacity: number }) {
  const { t } = useTranslation();
  const flow = useConnection((s) => s.flow);
  // Select the store's own array, then derive: a selector returning a fresh array never settles.
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const people = useMemo(() => participants.filter((p) => p.id !== selfId && p.space === Spaces.Main), [participants, selfId]);
  const waiting = useMemo(() => participants.filter((p) => p.space === Spaces.Waiting).length, [participants]);
  const flags = useStore(support, (st) => st.flags);
  const guide = useConnection((st) => st.guide);
  const step = guide[flow.guideStep];
  const inTalk = useSelf((me) => isPrivateTalk(me?.space ?? ""));
  const present = (id: string) => participants.some((p) => p.id === id && !isPrivateTalk(p.space));
  const s = seatTransform(seat, capacity);
  // To the left of the lap menu, turned towards you.
  const side = 0.55;
  const position: [number, number, number] = [
    s.x - Math.sin(s.yaw) * 0.35 - Math.cos(s.yaw) * side,
    1.05,
    s.z - Math.cos(s.yaw) * 0.35 + Math.sin(s.yaw) * side,
  ];

  return (
    <XRPanel position={position} rotation={[0, s.yaw + 0.6, 0]} name="xr-facilitator-panel" width={560}>
      <XRHeading>{t("vr.facilitate")}</XRHeading>
      <XRRow>
        <MenuButton label={flow.locked ? t("vr.unlock") : t("vr.lock")} onPress={() => sendFacilitatorAction({ action: flow.locked ? "unlock" : "lock" })} />
        <MenuButton label={t("facilitator.muteAll")} onPress={() => sendFacilitatorAction({ action: "muteAll" })} />
        {flow.roundActive ? (
          <>
            <MenuButton label={t("facilitator.passOn")} onPress={() => sendFacilitatorAction({ action: "advanceRound" })} />
            <MenuButton label={t("facilitator.endRound")} onPress={() => sendFacilitatorAction({ action: "endRound" })} />
          </>
        ) : (
          <MenuButton label={t("facilitator.startRound")} onPress={() => sendFacilitatorAction({ action: "startRound", shareSeconds: null })} />
        )}
        {waiting > 0 && <MenuButton label={t("vr.admitAll", { count: waiting })} onPress={() => sendFacilitatorAction({ action: "admitAll" })} />}
      </XRRow>
      {guide.length > 0 && (
        <>
          <XRLine>{step ? `${t("circleGuide.guide.stepOf", { step: flow.guideStep + 1, count: guide.length })} · ${step.title}` : t("circleGuide.guide.notStarted")}</XRLine>
          {step && <XRLine muted>{step.prompt}</XRLine>}
          <XRRow>
            {flow.guideStep > 0 && <MenuButton label={t("circleGuide.guide.previous")} onPress={() => sendFacilitatorAction({ action: "guideStep", step: flow.guideStep - 1 })} />}
            {flow.guideStep < guide.length - 1 && (
              <MenuButton
                label={flow.guideStep < 0 ? t("circleGuide.guide.start") : t("circleGuide.guide.next")}
                onPress={() => sendFacilitatorAction({ action: "guideStep", step: flow.guideStep + 1 })}
              />
            )}
          </XRRow>
        </>
      )}
      {inTalk && (
        <XRRow>
          <MenuButton label={t("privateTalk.end")} active onPress={leavePrivateTalk} />
        </XRRow>
      )}
      {flags.length > 0 && <XRLine>{t("crisis.mayNeedSupport")}</XRLine>}
      {flags.map((f) => (
        <XRRow key={f.id}>
          <XRLine>{f.pseudonym}</XRLine>
          {!inTalk && present(f.participantId) && (
            <MenuButton label={t("privateTalk.startNamed", { name: f.pseudonym })} width={330} onPress={() => sendFacilitatorAction({ action: "talkPrivately", target: f.participantId })} />
          )}
        </XRRow>
      ))}
      {people.map((p) => (
        <XRRow key={p.id}>
          <MenuButton
            label={p.mutedByFacilitator ? t("vr.allowNamed", { name: p.pseudonym }) : t("facilitator.muteNamed", { name: p.pseudonym })}
            width={330}
            active={p.mutedByFacilitator}
            onPress={() => sendFacilitatorAction({ action: p.mutedByFacilitator ? "allowToSpeak" : "mute", target: p.id })}
          />
          <MenuButton
            label={p.handRaised ? t("circle.lowerHand") : "—"}
            width={170}
            disabled={!p.handRaised}
            onPress={() => sendFacilitatorAction({ action: "lowerHand", target: p.id })}
          />
          {!inTalk && (
            <MenuButton label={t("privateTalk.startNamed", { name: p.pseudonym })} width={510} onPress={() => sendFacilitatorAction({ action: "talkPrivately", target: p.id })} />
          )}
        </XRRow>
      ))}
    </XRPanel>
  );
}
