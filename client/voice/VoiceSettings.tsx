import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { DISGUISES, type DisguisePreset, DisguisePresets } from "../../shared/voice-features.ts";
import { type Preview, startPreview } from "./processing/preview.ts";
import { type MicSettings, micSettings, updateMicSettings } from "./processing/settings.ts";

const BROWSER_OPTIONS: [keyof MicSettings, string][] = [
  ["echoCancellation", "Echo cancellation (browser)"],
  ["noiseSuppression", "Noise suppression (browser)"],
  ["autoGainControl", "Automatic volume (browser)"],
];

/** The microphone's settings: Hearth's noise filter, the browser's own processing, and the voice disguise with a preview. */
export function VoiceSettings({ preview = true }: { preview?: boolean }) {
  const settings = useStore(micSettings);
  const [previewing, setPreviewing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const running = useRef<Preview | null>(null);

  useEffect(() => () => running.current?.stop(), []);
  // A preview follows changed settings: start it again with them.
  useEffect(() => {
    if (!running.current) return;
    running.current.stop();
    running.current = null;
    startPreview(settings).then(
      (p) => (running.current = p),
      () => setPreviewing(false),
    );
  }, [settings]);

  const togglePreview = async () => {
    setProblem(null);
    if (running.current) {
      running.current.stop();
      running.current = null;
      setPreviewing(false);
      return;
    }
    try {
      running.current = await startPreview(settings);
      setPreviewing(true);
    } catch {
      setProblem("The preview could not start: check that Hearth may use your microphone.");
    }
  };

  return (
    <fieldset className="voice-settings">
      <legend>Your microphone</legend>
      <label>
        <input type="checkbox" checked={settings.noiseFilter} onChange={(e) => updateMicSettings({ noiseFilter: e.target.checked })} />
        Noise filter (runs on this device)
      </label>
      {BROWSER_OPTIONS.map(([key, label]) => (
        <label key={key}>
          <input type="checkbox" checked={Boolean(settings[key])} onChange={(e) => updateMicSettings({ [key]: e.target.checked })} />
          {label}
        </label>
      ))}
      <label>
        Voice disguise{" "}
        <select
          aria-label="Voice disguise"
          value={settings.disguise}
          onChange={(e) => updateMicSettings({ disguise: e.target.value as DisguisePreset })}
        >
          {DisguisePresets.map((preset) => (
            <option key={preset} value={preset}>{preset === "off" ? "Off" : DISGUISES[preset].label}</option>
          ))}
        </select>
      </label>
      {settings.disguise !== "off" && (
        <p className="hint">Your voice is changed on this device before it leaves it. Others see a small “disguised” mark.</p>
      )}
      {preview && (
        <button type="button" aria-pressed={previewing} onClick={() => void togglePreview()}>
          {previewing ? "Stop listening" : "Listen to yourself (headphones)"}
        </button>
      )}
      {problem && <p role="alert">{problem}</p>}
    </fieldset>
  );
}
