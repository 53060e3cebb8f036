import type { QuatLike, Vec3Like } from "../../shared/pose-codec.ts";

/** Uniformly random unit quaternion (Shoemake). */
export function randomUnitQuaternion(random: () => number): QuatLike {
  const [u1, u2, u3] = [random(), random(), random()];
  const a = Math.sqrt(1 - u1);
  const b = Math.sqrt(u1);
  return {
    x: a * Math.sin(2 * Math.PI * u2),
    y: a * Math.cos(2 * Math.PI * u2),
    z: b * Math.sin(2 * Math.PI * u3),
    w: b * Math.cos(2 * Math.PI * u3),
  };
}

/** Angle in degrees of the rotation taking `a` to `b` (q and -q are the same rotation). */
export function angleBetweenDegrees(a: QuatLike, b: QuatLike): number {
  const la = Math.hypot(a.x, a.y, a.z, a.w);
  const lb = Math.hypot(b.x, b.y, b.z, b.w);
  const dot = Math.abs(a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w) / (la * lb);
  return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
}

/** `v` rotated by the unit quaternion `q`. */
export function rotate(q: QuatLike, v: Vec3Like): Vec3Like {
  // v' = v + 2w (u × v) + 2 u × (u × v), with u the vector part of q.
  const cx = q.y * v.z - q.z * v.y;
  const cy = q.z * v.x - q.x * v.z;
  const cz = q.x * v.y - q.y * v.x;
  return {
    x: v.x + 2 * (q.w * cx + q.y * cz - q.z * cy),
    y: v.y + 2 * (q.w * cy + q.z * cx - q.x * cz),
    z: v.z + 2 * (q.w * cz + q.x * cy - q.y * cx),
  };
}
