/** Where the desktop user is looking, relative to facing the fire. Mutated by input, read per frame. */
export const look = { yaw: 0, pitch: 0 };

export const MAX_PITCH = 1.2;
export const KEY_TURN_RADIANS_PER_SECOND = 1.6;
export const DRAG_RADIANS_PER_PIXEL = 0.005;

export function wrapAngle(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

export function turn(dYaw: number, dPitch: number): void {
  look.yaw = wrapAngle(look.yaw + dYaw);
  look.pitch = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, look.pitch + dPitch));
}
