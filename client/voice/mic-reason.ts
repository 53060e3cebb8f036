import type { TFunction } from "i18next";
import { Spaces } from "../../shared/facilitation.ts";
import type { ParticipantSummary } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";

/** Why your microphone is off when you may not turn it on: said plainly, never blaming a facilitator who did nothing. */
export type MicBlock = "facilitator" | "round" | "waiting-room" | null;

export function micBlock(self: ParticipantSummary | undefined, flow: { roundActive: boolean; roundHolder: string }): MicBlock {
  if (!self || self.micAllowed) return null;
  if (self.mutedByFacilitator) return "facilitator";
  if (self.space === Spaces.Waiting) return "waiting-room";
  if (flow.roundActive && flow.roundHolder !== self.id) return "round";
  return "facilitator";
}

export const MIC_BLOCK_LABEL: Record<Exclude<MicBlock, null>, string> = {
  facilitator: "Muted by facilitator",
  round: "Waiting for the talking piece",
  "waiting-room": "Microphone off while you wait",
};

export const MIC_BLOCK_TITLE: Record<Exclude<MicBlock, null>, string> = {
  facilitator: "The facilitator has muted you for now",
  round: "A talking-piece round is on: you can speak when the piece reaches you",
  "waiting-room": "Nobody in the circle hears you while you wait",
};

/** Your microphone's block, from the state (null when you may speak). */
export function useMicBlock(): MicBlock {
  const self = useSelf();
  const roundActive = useConnection((s) => s.flow.roundActive);
  const roundHolder = useConnection((s) => s.flow.roundHolder);
  return micBlock(self, { roundActive, roundHolder });
}

/** The mute button's words: why it is off, or what pressing it does. */
export function muteLabel(block: MicBlock, micAllowed: boolean, selfMuted: boolean): string {
  if (!micAllowed) return MIC_BLOCK_LABEL[block ?? "facilitator"];
  return selfMuted ? "Unmute" : "Mute";
}

/** The mute button's words (mic-reason.ts's muteLabel, in the chosen language): why it is off, or what pressing it does. */
export function muteButtonLabel(block: MicBlock, micAllowed: boolean, selfMuted: boolean, t: TFunction): string {
  if (!micAllowed) {
    const reason = block ?? "facilitator";
    return t(`voiceUi.micBlockLabel_${reason}`, { defaultValue: MIC_BLOCK_LABEL[reason] });
  }
  return selfMuted ? t("voiceUi.unmute") : t("voiceUi.mute");
}
