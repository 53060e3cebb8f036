import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { DISGUISES, type DisguisePreset, DisguisePresets } from "../../shared/voice-features.ts";
import { type Preview, startPreview } from "./processing/preview.ts";
import { type MicSettings, micSettings, updateMicSettings } from "./processing/settings.ts";

const BROWSER_OPTIONS: [keyof MicSettings, (t: TFunction) => string][] = [
  ["echoCancellation", (t) => t("voiceUi.echoCancellation")],
  ["noiseSuppression", (t) => t("voiceUi.noiseSuppression")],
  ["autoGainControl", (t) => t("voiceUi.autoGainControl")],
];

/** The microphone's settings: Hearth's noise filter, the browser's own processing, and the voice disguise with a preview. */
export function VoiceSettings({ preview = true }: { preview?: boolean }) {
  const { t } = useTranslation();
  const settings = useStore(micSettings);
  const [previewing, setPreviewing] = useState(false);
  const [problem, setProblem] = useState(false);
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
    setProblem(false);
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
      setProblem(true);
    }
  };

  return (
    <fieldset className="voice-settings">
      <legend>{t("voiceUi.yourMicrophone")}</legend>
      <label>
        <input type="checkbox" checked={settings.noiseFilter} onChange={(e) => updateMicSettings({ noiseFilter: e.target.checked })} />
        {t("voiceUi.noiseFilter")}
      </label>
      {BROWSER_OPTIONS.map(([key, label]) => (
        <label key={key}>
          <input type="checkbox" checked={Boolean(settings[key])} onChange={(e) => updateMicSettings({ [key]: e.target.checked })} />
          {label(t)}
        </label>
      ))}
      <label>
        {t("voiceUi.voiceDisguise")}{" "}
        <select
          aria-label={t("voiceUi.voiceDisguise")}
          value={settings.disguise}
          onChange={(e) => updateMicSettings({ disguise: e.target.value as DisguisePreset })}
        >
          {DisguisePresets.map((preset) => (
            <option key={preset} value={preset}>{preset === "off" ? t("voiceUi.disguise_off") : t(`voiceUi.disguise_${preset}`, { defaultValue: DISGUISES[preset].label })}</option>
          ))}
        </select>
      </label>
      {settings.disguise !== "off" && (
        <p className="hint">{t("voiceUi.disguiseHint")}</p>
      )}
      {preview && (
        <button type="button" aria-pressed={previewing} onClick={() => void togglePreview()}>
          {previewing ? t("voiceUi.stopListening") : t("voiceUi.listenToYourself")}
        </button>
      )}
      {problem && <p role="alert">{t("voiceUi.previewFailed")}</p>}
    </fieldset>
  );
}
