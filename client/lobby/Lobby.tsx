import { VoiceSettings } from "../voice/VoiceSettings.tsx";
import { type FormEvent, useEffect, useState } from "react";
import { AVATAR_COLORS, type AvatarColor } from "../../shared/avatar.ts";
import { PSEUDONYM_MAX_LENGTH } from "../../shared/limits.ts";
import { checkPseudonym, suggestPseudonym } from "../../shared/pseudonym.ts";
import { joinCircle, resumeAfterReload } from "../net/connection.ts";
import { participantKey } from "../schedule/participant-key.ts";
import { useConnection } from "../net/useConnection.ts";

interface CircleSummary {
  id: string;
  title: string;
  description: string;
  capacity: number;
  seated: number;
}

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
    void joinCircle({
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

      <section aria-labelledby="circles-heading">
        <h2 id="circles-heading">Today's circles</h2>
        {loadError && <p role="alert" className="error">{loadError}</p>}
        {!circles && !loadError && <p>Loading…</p>}
        <ul className="circle-list">
          {circles?.map((c) => (
            <li key={c.id}>
              <label className={selected === c.id ? "circle-card selected" : "circle-card"}>
                <input type="radio" name="circle" value={c.id} checked={selected === c.id} onChange={() => setSelected(c.id)} />
                <strong>{c.title}</strong>
                <span className="muted">{c.seated} of {c.capacity} seats taken</span>
                <span>{c.description}</span>
              </label>
            </li>
          ))}
        </ul>
      </section>

      <form onSubmit={onSubmit} aria-labelledby="you-heading">
        <h2 id="you-heading">How you appear</h2>
        <label htmlFor="pseudonym">Pseudonym (never your real name)</label>
        <div className="row">
          <input
            id="pseudonym"
            name="pseudonym"
            value={pseudonym}
            maxLength={PSEUDONYM_MAX_LENGTH * 2}
            autoComplete="off"
            onChange={(e) => setPseudonym(e.target.value)}
            aria-invalid={!check.ok}
            aria-describedby="pseudonym-help"
          />
          <button type="button" onClick={() => setPseudonym(suggestPseudonym())}>Suggest another</button>
        </div>
        <p id="pseudonym-help" className={check.ok ? "muted" : "error"}>
          {check.ok ? "2–24 characters. Others in the circle see only this." : check.reason}
        </p>

        <fieldset className="colors">
          <legend>Avatar colour</legend>
          {AVATAR_COLORS.map((c) => (
            <label key={c} className="swatch" style={{ background: c }} title={c}>
              <input type="radio" name="color" value={c} checked={color === c} onChange={() => setColor(c)} aria-label={`Colour ${c}`} />
            </label>
          ))}
        </fieldset>

        <details className="facilitator-key">
          <summary>I'm facilitating this circle</summary>
          <label htmlFor="facilitator-key">Facilitator key</label>
          <input
            id="facilitator-key"
            type="password"
            autoComplete="off"
            value={facilitatorKey}
            onChange={(e) => setFacilitatorKey(e.target.value)}
          />
        </details>

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
