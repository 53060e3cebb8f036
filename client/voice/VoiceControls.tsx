import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { MIC_BLOCK_TITLE, muteButtonLabel, useMicBlock } from "./mic-reason.ts";
import { useVoice } from "./useVoice.ts";
import { VoiceSettings } from "./VoiceSettings.tsx";
import { chooseInput, setSelfMuted, startAudio, type VoiceEncryption } from "./voice.ts";

/**
 * The microphone's problem (voice.ts says it in English only) in the chosen language, told apart
 * by comparing with those words; anything else keeps them.
 */
function micErrorText(micError: string, t: TFunction): string {
  switch (micError) {
    case "Your voice disguise could not start here, so your microphone stays off.":
      return t("voiceUi.micErrorDisguise");
    case "Hearth cannot use your microphone. You can still listen, and use the chat to take part.":
      return t("voiceUi.micErrorDenied");
    case "Your microphone could not be started.":
      return t("voiceUi.micErrorFailed");
    default:
      return micError;
  }
}

/** The circle key's security code: the same on every screen; it changes when someone joins or leaves. */
export function SecurityCode({ encryption }: { encryption: VoiceEncryption }) {
  const { t } = useTranslation();
  if (encryption.status === "off") return null;
  if (encryption.status === "unsupported") {
    return (
      <span className="voice-status" role="status" data-testid="voice-encryption">
        {t("voiceUi.encryptionUnsupported")}
      </span>
    );
  }
  const title = t("voiceUi.encryptionTitle");
  return (
    <span className="security-code" title={title} data-testid="voice-encryption" aria-live="polite">
      {encryption.status === "on" ? `🔒 ${encryption.code}` : `🔒 ${t("voiceUi.securingVoice")}`}
    </span>
  );
}

/** Mute, microphone choice and the autoplay "Enable audio" button. */
export function VoiceControls() {
  const { t } = useTranslation();
  const status = useVoice((s) => s.status);
  const selfMuted = useVoice((s) => s.selfMuted);
  const micAllowed = useVoice((s) => s.micAllowed);
  const needsAudioStart = useVoice((s) => s.needsAudioStart);
  const inputs = useVoice((s) => s.inputs);
  const inputId = useVoice((s) => s.inputId);
  const encryption = useVoice((s) => s.encryption);
  const noiseFilter = useVoice((s) => s.processing.noiseFilter);
  const micError = useVoice((s) => s.micError);

  const block = useMicBlock();
  const label = muteButtonLabel(block, micAllowed, selfMuted, t);
  return (
    <>
      <button
        type="button"
        aria-pressed={selfMuted || !micAllowed}
        disabled={!micAllowed}
        title={micAllowed ? t("voiceUi.muteHint") : t(`voiceUi.micBlockTitle_${block ?? "facilitator"}`, { defaultValue: MIC_BLOCK_TITLE[block ?? "facilitator"] })}
        onClick={() => void setSelfMuted(!selfMuted)}
      >
        {label}
      </button>
      {inputs.length > 1 && (
        <select aria-label={t("voiceUi.microphone")} value={inputId ?? ""} onChange={(e) => void chooseInput(e.target.value)}>
          {inputs.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>{d.label}</option>
          ))}
        </select>
      )}
      {needsAudioStart && (
        <button type="button" className="primary" onClick={() => void startAudio()}>{t("voiceUi.enableAudio")}</button>
      )}
      <SecurityCode encryption={encryption} />
      <details className="voice-settings-menu">
        <summary>{t("voiceUi.voiceSettings")}</summary>
        <VoiceSettings preview={false} />
      </details>
      {micError && <span className="voice-status" role="alert">{micErrorText(micError, t)}</span>}
      {noiseFilter === "failed" && (
        <span className="voice-status" role="status">{t("voiceUi.noiseFilterFailed")}</span>
      )}
      {(status === "reconnecting" || status === "connecting") && (
        <span className="voice-status" role="status">{status === "connecting" ? t("voiceUi.voiceConnecting") : t("voiceUi.voiceReconnecting")}</span>
      )}
    </>
  );
}
