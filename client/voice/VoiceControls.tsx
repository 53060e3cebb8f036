import { MIC_BLOCK_TITLE, muteLabel, useMicBlock } from "./mic-reason.ts";
import { useVoice } from "./useVoice.ts";
import { VoiceSettings } from "./VoiceSettings.tsx";
import { chooseInput, setSelfMuted, startAudio, type VoiceEncryption } from "./voice.ts";

/** The circle key's security code: the same on every screen; it changes when someone joins or leaves. */
export function SecurityCode({ encryption }: { encryption: VoiceEncryption }) {
  if (encryption.status === "off") return null;
  if (encryption.status === "unsupported") {
    return (
      <span className="voice-status" role="status" data-testid="voice-encryption">
        This browser cannot encrypt voice, so voice is off here. The chat still works.
      </span>
    );
  }
  const title =
    "Voice is end-to-end encrypted: neither Hearth's server nor the voice server can listen. " +
    "Everyone in the circle sees the same code; it changes when someone joins or leaves.";
  return (
    <span className="security-code" title={title} data-testid="voice-encryption" aria-live="polite">
      {encryption.status === "on" ? `🔒 ${encryption.code}` : "🔒 Securing voice…"}
    </span>
  );
}

/** Mute, microphone choice and the autoplay "Enable audio" button. */
export function VoiceControls() {
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
  const label = muteLabel(block, micAllowed, selfMuted);
  return (
    <>
      <button
        type="button"
        aria-pressed={selfMuted || !micAllowed}
        disabled={!micAllowed}
        title={micAllowed ? "Mute or unmute your microphone (M)" : MIC_BLOCK_TITLE[block ?? "facilitator"]}
        onClick={() => void setSelfMuted(!selfMuted)}
      >
        {label}
      </button>
      {inputs.length > 1 && (
        <select aria-label="Microphone" value={inputId ?? ""} onChange={(e) => void chooseInput(e.target.value)}>
          {inputs.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>{d.label}</option>
          ))}
        </select>
      )}
      {needsAudioStart && (
        <button type="button" className="primary" onClick={() => void startAudio()}>Enable audio</button>
      )}
      <SecurityCode encryption={encryption} />
      <details className="voice-settings-menu">
        <summary>Voice settings</summary>
        <VoiceSettings preview={false} />
      </details>
      {micError && <span className="voice-status" role="alert">{micError}</span>}
      {noiseFilter === "failed" && (
        <span className="voice-status" role="status">The noise filter cannot run in this browser.</span>
      )}
      {(status === "reconnecting" || status === "connecting") && (
        <span className="voice-status" role="status">{status === "connecting" ? "Voice connecting…" : "Voice reconnecting…"}</span>
      )}
    </>
  );
}
