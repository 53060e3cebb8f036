import { MIC_BLOCK_TITLE, muteLabel, useMicBlock } from "./mic-reason.ts";
import { useVoice } from "./useVoice.ts";
import { chooseInput, setSelfMuted, startAudio } from "./voice.ts";

/** Mute, microphone choice and the autoplay "Enable audio" button. */
export function VoiceControls() {
  const status = useVoice((s) => s.status);
  const selfMuted = useVoice((s) => s.selfMuted);
  const micAllowed = useVoice((s) => s.micAllowed);
  const needsAudioStart = useVoice((s) => s.needsAudioStart);
  const inputs = useVoice((s) => s.inputs);
  const inputId = useVoice((s) => s.inputId);

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
      {(status === "reconnecting" || status === "connecting") && (
        <span className="voice-status" role="status">{status === "connecting" ? "Voice connecting…" : "Voice reconnecting…"}</span>
      )}
    </>
  );
}
