/** Microphone settings, each the user's own choice, kept in this browser (localStorage). */
import { createStore } from "zustand/vanilla";
import { type DisguisePreset, DisguisePresets } from "../../../shared/voice-features.ts";

export interface MicSettings {
  /** Hearth's noise filter (GTCRN in WebAssembly, on this device). */
  noiseFilter: boolean;
  /** The browser's own processing. */
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
  disguise: DisguisePreset;
}

const STORAGE_KEY = "hearth.voiceSettings";

export const MIC_DEFAULTS: MicSettings = {
  noiseFilter: true,
  echoCancellation: true,
  // Hearth's filter does this better; two noise suppressors in a row blur a voice.
  noiseSuppression: false,
  autoGainControl: true,
  disguise: "off",
};

function load(): MicSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Partial<Record<keyof MicSettings, unknown>>;
    const flag = (key: Exclude<keyof MicSettings, "disguise">) => (typeof saved[key] === "boolean" ? saved[key] : MIC_DEFAULTS[key]);
    return {
      noiseFilter: flag("noiseFilter"),
      echoCancellation: flag("echoCancellation"),
      noiseSuppression: flag("noiseSuppression"),
      autoGainControl: flag("autoGainControl"),
      disguise: DisguisePresets.includes(saved.disguise as DisguisePreset) ? (saved.disguise as DisguisePreset) : "off",
    };
  } catch {
    return { ...MIC_DEFAULTS };
  }
}

export const micSettings = createStore<MicSettings>(() => (typeof localStorage === "undefined" ? { ...MIC_DEFAULTS } : load()));

export function updateMicSettings(change: Partial<MicSettings>): void {
  micSettings.setState(change);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(micSettings.getState()));
  } catch {
    // private mode: the choice lasts this visit
  }
}

/** The browser's capture constraints from the settings. */
export function captureOptions(settings: MicSettings, deviceId?: string | null) {
  return {
    echoCancellation: settings.echoCancellation,
    noiseSuppression: settings.noiseSuppression,
    autoGainControl: settings.autoGainControl,
    channelCount: 1,
    ...(deviceId ? { deviceId } : {}),
  };
}
