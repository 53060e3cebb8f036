/** Where the desktop user is looking, relative to facing the fire. Mutated by input, read per frame. */
export const look = { yaw: 0, pitch: 0 };

export const MAX_PITCH = 1.2;
export const KEY_TURN_RADIANS_PER_SECOND = 1.6;
export const DRAG_RADIANS_PER_PIXEL = 0.005;
/** A single tap of an arrow key turns this far at once (15°); holding it keeps turning smoothly. */
export const KEY_STEP_RADIANS = Math.PI / 12;
/** How long a key must be held before the smooth turn takes over from the step. */
export const KEY_HOLD_SECONDS = 0.25;

export function wrapAngle(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

export function turn(dYaw: number, dPitch: number): void {
  look.yaw = wrapAngle(look.yaw + dYaw);
  look.pitch = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, look.pitch + dPitch));
}
