import * as THREE from "three";

export interface TagEntry {
  id: string;
  sprite: THREE.Sprite;
  aspect: number;
  /** Height of this person's head top above the head's centre. */
  top: number;
  distance: number;
  /** World height this frame. */
  height: number;
  /** How many tag heights it was raised to clear a nearer tag. */
  lift: number;
  /** Centre and half size on screen (normalised device coordinates), after layout. */
  x: number;
  y: number;
  w?: number;
  h?: number;
}

const MAX_LIFTS = 4;
const MARGIN = 1.06;
const order: TagEntry[] = [];
const ndc = new THREE.Vector3();
const byDistance = (a: TagEntry, b: TagEntry) => a.distance - b.distance;

function project(tag: TagEntry, camera: THREE.Camera, tanHalfFov: number, aspect: number): boolean {
  ndc.copy(tag.sprite.position).project(camera);
  if (ndc.z > 1) {
    tag.w = tag.h = 0; // behind you: takes no room on screen
    return false;
  }
  tag.x = ndc.x;
  tag.y = ndc.y;
  tag.h = (tag.height / 2 / (tag.distance * tanHalfFov)) * MARGIN;
  tag.w = (tag.h * tag.aspect) / aspect;
  return true;
}

function overlaps(a: TagEntry, b: TagEntry): boolean {
  return Math.abs(a.x - b.x) < (a.w ?? 0) + (b.w ?? 0) && Math.abs(a.y - b.y) < (a.h ?? 0) + (b.h ?? 0);
}

/**
 * Nearest tags keep their place; a farther tag that would overlap one on screen moves up a
 * tag-height at a time (a few steps at most), so no two tags cover each other.
 */
export function layoutTags(tags: Map<string, TagEntry>, camera: THREE.Camera): void {
  const perspective = camera as THREE.PerspectiveCamera;
  const tanHalfFov = Math.tan(THREE.MathUtils.degToRad((perspective.fov ?? 70) / 2));
  const aspect = perspective.aspect ?? 1;
  camera.updateMatrixWorld();
  order.length = 0;
  for (const tag of tags.values()) if (tag.sprite.visible) order.push(tag);
  order.sort(byDistance);
  for (let i = 0; i < order.length; i++) {
    const tag = order[i]!;
    tag.lift = 0;
    if (!project(tag, camera, tanHalfFov, aspect)) continue;
    for (let step = 0; step < MAX_LIFTS; step++) {
      let clash = false;
      for (let j = 0; j < i && !clash; j++) clash = overlaps(tag, order[j]!);
      if (!clash) break;
      tag.sprite.position.y += tag.height * 1.1;
      tag.lift++;
      project(tag, camera, tanHalfFov, aspect);
    }
  }
}
