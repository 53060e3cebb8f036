import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { fireSound, setFireVolume } from "./fire/sound.ts";

/** The fire's crackle volume, on in the circle (kept on this device); 0 turns it off. */
export function FireVolume() {
  const { t } = useTranslation();
  const volume = useStore(fireSound, (s) => s.volume);
  return (
    <label className="fire-volume" title={t("controls.fireHint")}>
      <span>{t("controls.fireSound")}</span>
      <input
        type="range"
        min={0}
        max={100}
        step={5}
        value={Math.round(volume * 100)}
        aria-valuetext={volume === 0 ? t("controls.off") : t("controls.percent", { value: Math.round(volume * 100) })}
        onChange={(e) => setFireVolume(Number(e.target.value) / 100)}
      />
    </label>
  );
}
