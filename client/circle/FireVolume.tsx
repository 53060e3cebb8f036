import { useStore } from "zustand";
import { fireSound, setFireVolume } from "./fire/sound.ts";

/** The fire's crackle volume, on in the circle (kept on this device); 0 turns it off. */
export function FireVolume() {
  const volume = useStore(fireSound, (s) => s.volume);
  return (
    <label className="fire-volume" title="The quiet crackle of the fire; it always stays below voices">
      <span>Fire sound</span>
      <input
        type="range"
        min={0}
        max={100}
        step={5}
        value={Math.round(volume * 100)}
        aria-valuetext={volume === 0 ? "off" : `${Math.round(volume * 100)} percent`}
        onChange={(e) => setFireVolume(Number(e.target.value) / 100)}
      />
    </label>
  );
}
