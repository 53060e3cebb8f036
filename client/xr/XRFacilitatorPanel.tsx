import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Spaces } from "../../shared/facilitation.ts";
import { seatTransform } from "../../shared/seats.ts";
import { sendFacilitatorAction } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";
import { MenuButton } from "./XRMenu.tsx";

const ROW = 0.075;

/**
 * The facilitator's panel in VR, summoned from the lap menu: the circle's main controls and,
 * for each person in seat order, mute or allow and lower hand. The desktop panel has the rest.
 */
export function XRFacilitatorPanel({ seat, capacity }: { seat: number; capacity: number }) {
  const { t } = useTranslation();
  const flow = useConnection((s) => s.flow);
  // Select the store's own array, then derive: a selector returning a fresh array never settles.
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const people = useMemo(() => participants.filter((p) => p.id !== selfId && p.space === Spaces.Main), [participants, selfId]);
  const waiting = useMemo(() => participants.filter((p) => p.space === Spaces.Waiting).length, [participants]);
  const s = seatTransform(seat, capacity);
  // To the left of the lap menu, turned towards you.
  const side = 0.55;
  const position: [number, number, number] = [
    s.x - Math.sin(s.yaw) * 0.35 - Math.cos(s.yaw) * side,
    1.05,
    s.z - Math.cos(s.yaw) * 0.35 + Math.sin(s.yaw) * side,
  ];

  return (
    <group position={position} rotation={[0, s.yaw + 0.6, 0]} name="xr-facilitator-panel">
      <MenuButton label={flow.locked ? t("vr.unlock") : t("vr.lock")} position={[-0.14, 0, 0]} onPress={() => sendFacilitatorAction({ action: flow.locked ? "unlock" : "lock" })} />
      <MenuButton label={t("facilitator.muteAll")} position={[0.14, 0, 0]} onPress={() => sendFacilitatorAction({ action: "muteAll" })} />
      {flow.roundActive ? (
        <>
          <MenuButton label={t("facilitator.passOn")} position={[-0.14, -ROW, 0]} onPress={() => sendFacilitatorAction({ action: "advanceRound" })} />
          <MenuButton label={t("facilitator.endRound")} position={[0.14, -ROW, 0]} onPress={() => sendFacilitatorAction({ action: "endRound" })} />
        </>
      ) : (
        <MenuButton label={t("facilitator.startRound")} position={[-0.14, -ROW, 0]} onPress={() => sendFacilitatorAction({ action: "startRound", shareSeconds: null })} />
      )}
      {waiting > 0 && (
        <MenuButton label={t("vr.admitAll", { count: waiting })} position={[0.14, -ROW, 0]} onPress={() => sendFacilitatorAction({ action: "admitAll" })} />
      )}
      {people.map((p, i) => (
        <group key={p.id} position={[0, -(i + 2.3) * ROW, 0]}>
          <MenuButton
            label={p.mutedByFacilitator ? t("vr.allowNamed", { name: p.pseudonym }) : t("facilitator.muteNamed", { name: p.pseudonym })}
            position={[-0.14, 0, 0]}
            active={p.mutedByFacilitator}
            onPress={() => sendFacilitatorAction({ action: p.mutedByFacilitator ? "allowToSpeak" : "mute", target: p.id })}
          />
          <MenuButton
            label={p.handRaised ? t("circle.lowerHand") : "—"}
            position={[0.14, 0, 0]}
            disabled={!p.handRaised}
            onPress={() => sendFacilitatorAction({ action: "lowerHand", target: p.id })}
          />
        </group>
      ))}
    </group>
  );
}
