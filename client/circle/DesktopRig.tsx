import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useRef } from "react";
import { SEATED_EYE_HEIGHT } from "../../shared/limits.ts";
import { seatTransform } from "../../shared/seats.ts";
import { DRAG_RADIANS_PER_PIXEL, KEY_HOLD_SECONDS, KEY_STEP_RADIANS, KEY_TURN_RADIANS_PER_SECOND, look, turn } from "./look.ts";

const KEYS = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] } as const;
type TurnKey = keyof typeof KEYS;
const isTurnKey = (key: string): key is TurnKey => key in KEYS;

/** First person from your own seat: drag or arrow keys to look around. */
export function DesktopRig({ seat, capacity }: { seat: number; capacity: number }) {
  const camera = useThree((s) => s.camera);
  const element = useThree((s) => s.gl.domElement);
  /** Each held arrow key and how long it has been down (seconds). */
  const held = useRef(new Map<TurnKey, number>());

  useEffect(() => {
    let dragging: number | null = null;
    // Deltas from client positions: touch pointers on phones do not all report movementX/Y.
    let lastX = 0;
    let lastY = 0;
    const down = (e: PointerEvent) => {
      dragging = e.pointerId;
      [lastX, lastY] = [e.clientX, e.clientY];
      element.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      if (dragging !== e.pointerId) return;
      turn((e.clientX - lastX) * DRAG_RADIANS_PER_PIXEL, (e.clientY - lastY) * DRAG_RADIANS_PER_PIXEL);
      [lastX, lastY] = [e.clientX, e.clientY];
    };
    const up = (e: PointerEvent) => {
      if (dragging === e.pointerId) dragging = null;
    };
    const keyDown = (e: KeyboardEvent) => {
      if (!isTurnKey(e.key) || isTyping(e)) return;
      e.preventDefault();
      if (held.current.has(e.key)) return; // the keyboard's auto-repeat: the frame loop turns
      held.current.set(e.key, 0);
      // A tap turns a whole step at once, so a short press is never lost.
      const [yaw, pitch] = KEYS[e.key];
      turn(yaw * KEY_STEP_RADIANS, pitch * KEY_STEP_RADIANS);
    };
    const keyUp = (e: KeyboardEvent) => {
      if (isTurnKey(e.key)) held.current.delete(e.key);
    };
    const blur = () => held.current.clear();
    element.addEventListener("pointerdown", down);
    element.addEventListener("pointermove", move);
    element.addEventListener("pointerup", up);
    element.addEventListener("pointercancel", up);
    window.addEventListener("keydown", keyDown);
    window.addEventListener("keyup", keyUp);
    window.addEventListener("blur", blur);
    return () => {
      element.removeEventListener("pointerdown", down);
      element.removeEventListener("pointermove", move);
      element.removeEventListener("pointerup", up);
      element.removeEventListener("pointercancel", up);
      window.removeEventListener("keydown", keyDown);
      window.removeEventListener("keyup", keyUp);
      window.removeEventListener("blur", blur);
    };
  }, [element]);

  useFrame(({ gl }, dt) => {
    if (gl.xr.isPresenting) return; // the headset moves the camera
    for (const [key, seconds] of held.current) {
      held.current.set(key, seconds + dt);
      if (seconds + dt < KEY_HOLD_SECONDS) continue; // still a tap: the step already turned
      const [yaw, pitch] = KEYS[key];
      turn(yaw * KEY_TURN_RADIANS_PER_SECOND * dt, pitch * KEY_TURN_RADIANS_PER_SECOND * dt);
    }
    const s = seatTransform(seat, capacity);
    camera.position.set(s.x, SEATED_EYE_HEIGHT, s.z);
    camera.rotation.set(look.pitch, s.yaw + look.yaw, 0, "YXZ");
  });

  return null;
}

function isTyping(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  return target?.tagName === "INPUT" || target?.tagName === "TEXTAREA" || Boolean(target?.isContentEditable);
}
