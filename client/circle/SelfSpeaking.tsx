import { useEffect, useRef } from "react";
import { useConnection } from "../net/useConnection.ts";
import { shownLevels } from "./avatar/speaking.ts";

/**
 * Your own speaking light by the mute button: it glows with your voice as LiveKit hears it, the
 * same level others see on your avatar. Visual only (the mute button says whether you are heard).
 */
export function SelfSpeaking() {
  const dot = useRef<HTMLSpanElement>(null);
  const selfId = useConnection((s) => s.selfId);
  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const level = selfId ? (shownLevels.get(selfId) ?? 0) : 0;
      dot.current?.style.setProperty("--level", level.toFixed(2));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [selfId]);
  return <span ref={dot} className="self-speaking" aria-hidden="true" title="Lights up while you are heard" />;
}
