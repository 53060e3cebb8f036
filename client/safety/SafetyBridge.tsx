import { useEffect } from "react";
import { setMasterVolume, voice } from "../voice/voice.ts";
import { safety } from "./session.ts";

/** Keeps voice in step with safety: people you muted or are kept apart from stay silent for you. */
export function SafetyBridge() {
  useEffect(
    () =>
      safety.subscribe((s, prev) => {
        // Re-applying the master volume re-applies every voice's volume, silenced ones at 0.
        if (s.mutedForMe !== prev.mutedForMe || s.hidden !== prev.hidden) setMasterVolume(voice.getState().masterVolume);
      }),
    [],
  );
  return null;
}
