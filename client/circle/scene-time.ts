import * as THREE from "three";
import { createStore } from "zustand/vanilla";

/**
 * The scene's one clock: a THREE.Timer (THREE.Clock is deprecated since r183), advanced once per
 * frame by <SceneTimer />. Shaders and idle motion read `sceneTime.elapsed` (seconds).
 */
const timer = new THREE.Timer();
if (typeof document !== "undefined") timer.connect(document);

export const sceneTime = { elapsed: 0, delta: 0 };

export function advanceSceneTime(timestamp?: number): void {
  timer.update(timestamp);
  sceneTime.elapsed = timer.getElapsed();
  sceneTime.delta = timer.getDelta();
}

/** prefers-reduced-motion: the fire burns low and steady, avatars stop breathing and swaying. */
const query = typeof matchMedia === "undefined" ? null : matchMedia("(prefers-reduced-motion: reduce)");
export const motion = createStore(() => ({ reduced: query?.matches ?? false }));
query?.addEventListener("change", (e) => motion.setState({ reduced: e.matches }));

/** 1 for full motion, a small factor when the user asked for less. Read per frame. */
export function motionScale(): number {
  return motion.getState().reduced ? 0.15 : 1;
}
