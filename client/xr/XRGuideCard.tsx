import { useTranslation } from "react-i18next";
import { seatTransform } from "../../shared/seats.ts";
import { useConnection } from "../net/useConnection.ts";
import { XRLine, XRPanel } from "./ui.tsx";

/** The guide's current card in the headset: high over the fire, facing your seat, small and calm. */
export function XRGuideCard({ seat, capacity }: { seat: number; capacity: number }) {
  const { t } = useTranslation();
  const step = useConnection((st) => st.guide[st.flow.guideStep]);
  if (!step?.card) return null;
  const s = seatTransform(seat, capacity);
  const ahead = 1.5;
  const position: [number, number, number] = [s.x - Math.sin(s.yaw) * ahead, 1.75, s.z - Math.cos(s.yaw) * ahead];
  return (
    <XRPanel position={position} rotation={[0, s.yaw, 0]} name="xr-guide-card" width={620}>
      <XRLine muted>{`${t("circleGuide.guide.cardLabel")} · ${step.title}`}</XRLine>
      <XRLine>{step.card}</XRLine>
    </XRPanel>
  );
}
