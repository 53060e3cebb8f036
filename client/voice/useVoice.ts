import { useStore } from "zustand";
import { voice, type VoiceState } from "./voice.ts";

export function useVoice<T>(selector: (state: VoiceState) => T): T {
  return useStore(voice, selector);
}
