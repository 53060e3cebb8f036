import { ClientMessage } from "../../shared/protocol.ts";
import { sendMessage } from "../net/connection.ts";
import { setMasterVolume, setSelfMuted, voice } from "../voice/voice.ts";
import { safety } from "./session.ts";

/** The circle's loudness while you are stepped out (of what it was). */
export const STEP_OUT_VOLUME = 0.25;

/** Take a break: your microphone mutes, the circle's sound lowers, your avatar shows you're away. */
export function stepOut(): void {
  if (safety.getState().steppedOut) return;
  const { selfMuted, masterVolume } = voice.getState();
  safety.setState({ steppedOut: { wasMuted: selfMuted, volume: masterVolume } });
  void setSelfMuted(true);
  setMasterVolume(masterVolume * STEP_OUT_VOLUME);
  sendMessage(ClientMessage.Away, { away: true });
}

/** Back in one action: the sound and your microphone as they were before you stepped out. */
export function comeBack(): void {
  const before = safety.getState().steppedOut;
  safety.setState({ steppedOut: null });
  sendMessage(ClientMessage.Away, { away: false });
  setMasterVolume(before?.volume ?? 1);
  if (before && !before.wasMuted && voice.getState().micAllowed) void setSelfMuted(false);
}

export function toggleStepOut(away: boolean): void {
  if (away) comeBack();
  else stepOut();
}
