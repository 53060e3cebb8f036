import { CIRCLE_MIN_RADIUS, SEATED_EYE_HEIGHT, SEAT_SPACING } from "./limits.ts";
import { type QuantisedPose, quantisePose } from "./pose-codec.ts";

export interface SeatTransform {
  x: number;
  z: number;
  /** Rotation about +Y so that the seat's forward (-Z) faces the centre. */
  yaw: number;
}

/** Radius that keeps neighbouring seats SEAT_SPACING apart. */
export function circleRadius(capacity: number): number {
  return Math.max(CIRCLE_MIN_RADIUS, SEAT_SPACING / (2 * Math.sin(Math.PI / capacity)));
}

/** Seat `index` of a circle of `capacity` seats, evenly spaced, facing the fire at the origin. */
export function seatTransform(index: number, capacity: number): SeatTransform {
  const angle = (2 * Math.PI * index) / capacity;
  const r = circleRadius(capacity);
  return { x: r * Math.sin(angle), z: r * Math.cos(angle), yaw: angle };
}

function circularDistance(a: number, b: number, capacity: number): number {
  const d = Math.abs(a - b) % capacity;
  return Math.min(d, capacity - d);
}

/**
 * The free seat farthest from everyone already seated (lowest index on ties),
 * so a half-empty circle is spread out rather than bunched. Null when full.
 */
export function pickSeat(occupied: Iterable<number>, capacity: number): number | null {
  const taken = new Set(occupied);
  if (taken.size === 0) return 0;
  let best: number | null = null;
  let bestGap = -1;
  for (let seat = 0; seat < capacity; seat++) {
    if (taken.has(seat)) continue;
    let gap = Infinity;
    for (const other of taken) gap = Math.min(gap, circularDistance(seat, other, capacity));
    if (gap > bestGap) {
      bestGap = gap;
      best = seat;
    }
  }
  return best;
}

/** A seated head at `index`, looking `yawOffset` radians left of the fire. */
export function seatedHeadPose(index: number, capacity: number, yawOffset = 0, pitch = 0): QuantisedPose {
  const seat = seatTransform(index, capacity);
  const yaw = seat.yaw + yawOffset;
  // Yaw about +Y then pitch about the local +X.
  const cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2);
  const cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
  return quantisePose({
    position: { x: seat.x, y: SEATED_EYE_HEIGHT, z: seat.z },
    rotation: { x: cy * sp, y: sy * cp, z: -sy * sp, w: cy * cp },
  });
}
