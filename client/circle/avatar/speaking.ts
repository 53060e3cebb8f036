import { audioLevels } from "../../voice/voice.ts";

/**
 * How strongly each person is shown speaking this frame (0–1), by participant id, including
 * yourself: LiveKit's audio level for them, smoothed (quick to rise, slower to fall). Updated once
 * per frame by the avatar renderer; read by the glow, the mouths, the HUD and the test hook.
 */
export const shownLevels = new Map<string, number>();

const RISE = 18;
const FALL = 5;

/** LiveKit reports speech as small linear levels; this lifts quiet speakers so every voice shows. */
function visible(level: number): number {
  return 0.35 + 0.65 * Math.min(1, Math.sqrt(Math.max(0, level)) * 1.5);
}

export function updateShownLevels(dt: number, silenced: (id: string) => boolean): void {
  for (const [id, level] of audioLevels) {
    const target = silenced(id) ? 0 : visible(level);
    const shown = shownLevels.get(id) ?? 0;
    shownLevels.set(id, approach(shown, target, dt));
  }
  for (const [id, shown] of shownLevels) {
    if (audioLevels.has(id)) continue;
    const next = approach(shown, 0, dt);
    if (next < 0.01) shownLevels.delete(id);
    else shownLevels.set(id, next);
  }
}

function approach(from: number, to: number, dt: number): number {
  const rate = to > from ? RISE : FALL;
  return from + (to - from) * (1 - Math.exp(-dt * rate));
}
