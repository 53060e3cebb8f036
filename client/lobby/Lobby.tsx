import { VoiceSettings } from "../voice/VoiceSettings.tsx";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { AVATAR_COLORS, AVATAR_STYLES, type AvatarColor, type AvatarStyle, DEFAULT_AVATAR_STYLE } from "../../shared/avatar.ts";
import { AvatarPicker } from "./AvatarPicker.tsx";
import { checkPseudonym, suggestPseudonym } from "../../shared/pseudonym.ts";
import { enterCircle } from "../circle/enter-circle.ts";
import { resumeAfterReload } from "../net/connection.ts";
import { nameInUseByAnotherWindow } from "../net/names-in-use.ts";
import { participantKey } from "../schedule/participant-key.ts";
import { useConnection } from "../net/useConnection.ts";
import { CircleChoice, type CircleSummary } from "./CircleChoice.tsx";
import { FacilitatorKeyField, PseudonymField } from "./fields.tsx";

const PREFS_KEY = "hearth.preferences";

/** A newcomer's colour: any of the palette, so a circle of first-timers is not all one colour. */
function randomColor(): AvatarColor {
  return AVATAR_COLORS[Math.floor(Math.random() * AVATAR_COLORS.length)]!;
}

function loadPreferences(): { pseudonym: string; color: AvatarColor; avatarStyle: AvatarStyle } {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? "{}") as Partial<{ pseudonym: string; color: string; avatarStyle: string }>;
    const color = AVATAR_COLORS.find((c) => c === saved.color);
    const avatarStyle = AVATAR_STYLES.find((s) => s === saved.avatarStyle);
    return { pseudonym: saved.pseudonym || suggestPseudonym(), color: color ?? randomColor(), avatarStyle: avatarStyle ?? DEFAULT_AVATAR_STYLE };
  } catch {
    return { pseudonym: suggestPseudonym(), color: randomColor(), avatarStyle: DEFAULT_AVATAR_STYLE };
  }
}

/** The circles open today, and the one chosen (the first, until someone picks). */
function useOpenCircles() {
  const [circles, setCircles] = useState<CircleSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    void resumeAfterReload();
    fetch("/api/circles")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((body: { circles: CircleSummary[] }) => {
        setCircles(body.circles);
        setSelected((s) => s ?? body.circles[0]?.id ?? null);
      })
      .catch(() => setLoadError("lobby.loadError"));
  }, []);
  return { circles, loadError, selected, setSelected };
}

/** The saved pseudonym, or a fresh one when another window of this browser is in a circle under it. */
function usePseudonym(saved: string) {
  const [pseudonym, setPseudonym] = useState(saved);
  useEffect(() => {
    let edited = false;
    void nameInUseByAnotherWindow(saved).then((inUse) => {
      if (inUse && !edited) setPseudonym((current) => (current === saved ? suggestPseudonym() : current));
    });
    return () => {
      edited = true;
    };
  }, [saved]);
  return [pseudonym, setPseudonym] as const;
}

/** The open lobby: today's circles, how you appear, and the way in. */
export function Lobby() {
  const { t } = useTranslation();
  const { circles, loadError, selected, setSelected } = useOpenCircles();
  const [prefs] = useState(loadPreferences);
  const [pseudonym, setPseudonym] = usePseudonym(prefs.pseudonym);
  const [color, setColor] = useState<AvatarColor>(prefs.color);
  const [avatarStyle, setAvatarStyle] = useState<AvatarStyle>(prefs.avatarStyle);
  const [facilitatorKey, setFacilitatorKey] = useState("");
  const status = useConnection((s) => s.status);
  const joinError = useConnection((s) => s.error);

  const check = checkPseudonym(pseudonym);
  const canJoin = check.ok && selected !== null && status !== "joining";

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!canJoin || !check.ok || !selected) return;
    localStorage.setItem(PREFS_KEY, JSON.stringify({ pseudonym: check.value, color, avatarStyle }));
    // The device key ties this visit to bans from the circle; it carries no personal data.
    const key = facilitatorKey.trim();
    void enterCircle({
      circleId: selected,
      pseudonym: check.value,
      color,
      avatarStyle,
      participantKey: participantKey(),
      ...(key ? { facilitatorKey: key } : {}),
    });
  }

  return (
    <main className="lobby">
      <header>
        <h1>Hearth</h1>
        <p className="tagline">{t("lobby.tagline")}</p>
        <LanguageSwitch />
      </header>

      <CircleChoice circles={circles} loadError={loadError && t(loadError)} selected={selected} onSelect={setSelected} />

      <form onSubmit={onSubmit} aria-labelledby="you-heading">
        <h2 id="you-heading">{t("lobby.howYouAppear")}</h2>
        <PseudonymField pseudonym={pseudonym} onChange={setPseudonym} />

        <AvatarPicker color={color} style={avatarStyle} onColor={setColor} onStyle={setAvatarStyle} />

        <FacilitatorKeyField value={facilitatorKey} onChange={setFacilitatorKey} />

        <details className="voice-settings-lobby">
          <summary>{t("lobby.voiceSettings")}</summary>
          <VoiceSettings />
        </details>

        {joinError && <p role="alert" className="error">{joinError}</p>}
        <button type="submit" className="primary" disabled={!canJoin}>
          {status === "joining" ? t("lobby.entering") : t("lobby.enter")}
        </button>
      </form>
    </main>
  );
}
