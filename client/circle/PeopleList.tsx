import { useState } from "react";
import { useTranslation } from "react-i18next";
import { VoiceMarks } from "../voice/VoiceMarks.tsx";
import { BlockedPeople, PersonMenu } from "../safety/PersonMenu.tsx";
import { useConnection } from "../net/useConnection.ts";
import { useVoice } from "../voice/useVoice.ts";
import { setVolume } from "../voice/voice.ts";
import { isFacilitator } from "../../shared/circle-state.ts";

/** A phone held sideways: the list would cover half the scene, so it starts folded. */
const SHORT_TOUCH_SCREEN = "(pointer: coarse) and (max-height: 500px)";

/** Everyone in seat order with their state; a volume slider for each other person. */
export function PeopleList() {
  const { t } = useTranslation();
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const speaking = useVoice((s) => s.speaking);
  const volumes = useVoice((s) => s.volumes);
  // Only once you are in voice yourself can "not in voice" be told from "voice is off here".
  const inVoice = useVoice((s) => s.status === "connected");
  const [startsOpen] = useState(() => !window.matchMedia?.(SHORT_TOUCH_SCREEN).matches);

  return (
    <aside className="people" aria-label={t("controls.peopleInCircle")}>
      <details open={startsOpen}>
        <summary>{t("controls.peopleCount", { count: participants.length })}</summary>
        <ul>
          {participants.map((p) => (
            <li key={p.id} data-participant={p.id} className={speaking.includes(p.id) ? "speaking" : undefined}>
              <span className="dot" style={{ background: p.color }} />
              <span className="name">{p.pseudonym}{p.id === selfId ? t("facilitator.you") : ""}</span>
              {p.handRaised && <span title={t("controls.handRaised")} aria-label={t("controls.handRaised")}>✋</span>}
              {(p.muted || !p.micAllowed) && <span className="muted" aria-label={t("controls.muted")}>🔇</span>}
              {p.away && <span className="muted">{t("controls.away")}</span>}
              {!p.connected && <span className="muted">{t("controls.reconnecting")}</span>}
              {inVoice && p.connected && p.id !== selfId && !p.voiceConnected && <span className="muted" title={t("controls.noVoiceHint")}>{t("controls.noVoice")}</span>}
              <VoiceMarks disguised={p.disguised} captions={p.captions} />
              {p.id !== selfId && (
                <input
                  type="range"
                  min={0}
                  max={2}
                  step={0.1}
                  value={volumes[p.id] ?? 1}
                  aria-label={t("controls.volumeOf", { name: p.pseudonym })}
                  onChange={(e) => setVolume(p.id, Number(e.target.value))}
                />
              )}
              {p.id !== selfId && <PersonMenu id={p.id} pseudonym={p.pseudonym} facilitator={isFacilitator(p)} />}
            </li>
          ))}
        </ul>
        <BlockedPeople />
      </details>
    </aside>
  );
}
