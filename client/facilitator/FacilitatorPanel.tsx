import { useTranslation } from "react-i18next";
import { ReportsQueue } from "../safety/ReportsQueue.tsx";
import { Spaces } from "../../shared/facilitation.ts";
import { useConnection } from "../net/useConnection.ts";
import { useVoice } from "../voice/useVoice.ts";
import { Agenda, CircleControls, RaisedHands, TalkingPiece, WaitingList } from "./PanelSections.tsx";
import { GuideSection } from "./GuideSection.tsx";
import { ParticipantRow } from "./ParticipantRow.tsx";
import { useNow } from "./useNow.ts";

/** The facilitator's side panel: agenda and timer, the circle's controls, and every participant. */
export function FacilitatorPanel() {
  const { t } = useTranslation();
  const flow = useConnection((s) => s.flow);
  const participants = useConnection((s) => s.participants);
  const capacity = useConnection((s) => s.capacity);
  const selfId = useConnection((s) => s.selfId);
  const guide = useConnection((s) => s.guide);
  const speaking = useVoice((s) => s.speaking);
  const inVoice = useVoice((s) => s.status === "connected");
  const now = useNow();
  const inPhase = flow.phaseStartedAt ? Math.max(0, Math.floor((now - flow.phaseStartedAt) / 1000)) : 0;
  const shareLeft = flow.shareEndsAt ? Math.max(0, Math.ceil((flow.shareEndsAt - now) / 1000)) : null;

  const byId = new Map(participants.map((p) => [p.id, p]));
  const waiting = participants.filter((p) => p.space === Spaces.Waiting);
  const seated = participants.filter((p) => p.space !== Spaces.Waiting);
  const holder = flow.roundActive ? byId.get(flow.roundHolder) : undefined;
  const mySpace = byId.get(selfId ?? "")?.space ?? Spaces.Main;

  return (
    <aside className="facilitator-panel" aria-label={t("facilitator.panel")}>
      <h2>{t("facilitator.facilitating")}</h2>
      <Agenda phase={flow.phase} inPhase={inPhase} />

      <GuideSection guide={guide} step={flow.guideStep} />

      <CircleControls locked={flow.locked} />

      <TalkingPiece active={flow.roundActive} holder={holder} shareLeft={shareLeft} />

      <RaisedHands queue={flow.handQueue} byId={byId} />

      <WaitingList waiting={waiting} />

      <ReportsQueue />

      <section aria-label={t("facilitator.participants")}>
        <h3>{t("facilitator.inTheCircle")}</h3>
        <ul className="facilitator-people">
          {seated.map((p) => (
            <ParticipantRow key={p.id} p={p} self={p.id === selfId} speaking={speaking.includes(p.id)} inVoice={inVoice} capacity={capacity} mySpace={mySpace} />
          ))}
        </ul>
      </section>
    </aside>
  );
}
