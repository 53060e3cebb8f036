import { VoiceSettings } from "../voice/VoiceSettings.tsx";
import { type FormEvent, useEffect, useState } from "react";
import { AVATAR_COLORS, type AvatarColor } from "../../shared/avatar.ts";
import { checkPseudonym, suggestPseudonym } from "../../shared/pseudonym.ts";
import { enterCircle } from "../circle/enter-circle.ts";
import { resumeAfterReload } from "../net/connection.ts";
import { participantKey } from "../schedule/participant-key.ts";
import { useConnection } from "../net/useConnection.ts";
import { CircleChoice, type CircleSummary } from "./CircleChoice.tsx";
import { ColorField, FacilitatorKeyField, PseudonymField } from "./fields.tsx";

const PREFS_KEY = "hearth.preferences";

function loadPreferences(): { pseudonym: string; color: AvatarColor } {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? "{}") as Partial<{ pseudonym: string; color: string }>;
    const color = AVATAR_COLORS.find((c) => c === saved.color);
    return { pseudonym: saved.pseudonym || suggestPseudonym(), color: color ?? AVATAR_COLORS[0] };
  } catch {
    return { pseudonym: suggestPseudonym(), color: AVATAR_COLORS[0] };
  }
}

/** The open lobby: today's circles, how you appear, and the way in. */
export function Lobby() {
  const [circles, setCircles] = useState<CircleSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [prefs] = useState(loadPreferences);
  const [pseudonym, setPseudonym] = useState(prefs.pseudonym);
  const [color, setColor] = useState<AvatarColor>(prefs.color);
  const [selected, setSelected] = useState<string | null>(null);
  const [facilitatorKey, setFacilitatorKey] = useState("");
  const status = useConnection((s) => s.status);
  const joinError = useConnection((s) => s.error);

  useEffect(() => {
    void resumeAfterReload();
    fetch("/api/circles")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((body: { circles: CircleSummary[] }) => {
        setCircles(body.circles);
        setSelected((s) => s ?? body.circles[0]?.id ?? null);
      })
      .catch(() => setLoadError("Could not load today's circles. Is the server running?"));
  }, []);

  const check = checkPseudonym(pseudonym);
  const canJoin = check.ok && selected !== null && status !== "joining";

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!canJoin || !check.ok || !selected) return;
    localStorage.setItem(PREFS_KEY, JSON.stringify({ pseudonym: check.value, color }));
    // The device key ties this visit to bans from the circle; it carries no personal data.
    const key = facilitatorKey.trim();
    void enterCircle({
      circleId: selected,
      pseudonym: check.value,
      color,
      participantKey: participantKey(),
      ...(key ? { facilitatorKey: key } : {}),
    });
  }

  return (
    <main className="lobby">
      <header>
        <h1>Hearth</h1>
        <p className="tagline">A quiet circle around a fire. Come as you are; use any name you like.</p>
      </header>

      <CircleChoice circles={circles} loadError={loadError} selected={selected} onSelect={setSelected} />

      <form onSubmit={onSubmit} aria-labelledby="you-heading">
        <h2 id="you-heading">How you appear</h2>
        <PseudonymField pseudonym={pseudonym} onChange={setPseudonym} />

        <ColorField color={color} onChange={setColor} />

        <FacilitatorKeyField value={facilitatorKey} onChange={setFacilitatorKey} />

        <details className="voice-settings-lobby">
          <summary>Your voice: noise filter and disguise</summary>
          <VoiceSettings />
        </details>

        {joinError && <p role="alert" className="error">{joinError}</p>}
        <button type="submit" className="primary" disabled={!canJoin}>
          {status === "joining" ? "Entering…" : "Enter the circle"}
        </button>
      </form>
    </main>
  );
}
