import * as THREE from "three";
import { BOUNDARY_INNER_METRES, BOUNDARY_METRES, safetySettings } from "./settings.ts";

/** What a faded avatar fades towards: the night around the fire (the scene's fog). */
export const BOUNDARY_FADE_COLOR = new THREE.Color("#1d2036");
/** At the inner distance an avatar keeps only this little of itself: a faint silhouette. */
const FAINTEST = 0.95;

/** Your own head this frame (world space), written by the avatar renderer. */
export const viewerHead = new THREE.Vector3();
/** How many avatars the boundary faded last frame (for the test hook and the HUD). */
export const boundaryStats = { faded: 0 };

/**
 * How far an avatar whose head is at `head` fades for you, 0 (not at all) to FAINTEST: nothing
 * beyond BOUNDARY_METRES, most at BOUNDARY_INNER_METRES and closer. The curve rises steeply at
 * the edge (a square root), so crossing the boundary is clearly visible: about a quarter faded
 * 4 cm inside it. 0 with the boundary off. Everything of that person (body, glow, icons, name tag) uses it.
 */
export function boundaryFade(head: THREE.Vector3): number {
  if (!safetySettings.getState().boundary) return 0;
  const distance = head.distanceTo(viewerHead);
  if (distance >= BOUNDARY_METRES) return 0;
  const t = (BOUNDARY_METRES - distance) / (BOUNDARY_METRES - BOUNDARY_INNER_METRES);
  return Math.sqrt(Math.min(1, t)) * FAINTEST;
}
