import * as THREE from "three";
import { beforeEach, describe, expect, it } from "vitest";
import { INTERPOLATION_DELAY_MS, PoseBuffer } from "../../client/pose/pose-buffer.ts";

const at = (x: number) => new THREE.Vector3(x, 0, 0);
const yaw = (radians: number) => new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 1, 0), radians);
const position = new THREE.Vector3();
const quaternion = new THREE.Quaternion();

/** x of the pose drawn at `now`. */
function drawnX(buffer: PoseBuffer, now: number): number {
  expect(buffer.sample(now, position, quaternion)).toBe(true);
  return position.x;
}

describe("the interpolation buffer", () => {
  let buffer: PoseBuffer;
  beforeEach(() => {
    buffer = new PoseBuffer();
  });

  it("has nothing to draw before the first pose", () => {
    expect(buffer.sample(1000, position, quaternion)).toBe(false);
  });

  it("draws the only pose it has", () => {
    buffer.push(1000, at(2), yaw(0.5));
    expect(drawnX(buffer, 1000)).toBe(2);
    expect(quaternion.angleTo(yaw(0.5))).toBeLessThan(1e-6);
  });

  it("draws 100 ms in the past, between the two poses around that moment", () => {
    buffer.push(1000, at(0), yaw(0));
    buffer.push(1050, at(1), yaw(1));
    // renderAt = 1125 - 100 = 1025: halfway.
    expect(drawnX(buffer, 1025 + INTERPOLATION_DELAY_MS)).toBeCloseTo(0.5, 6);
    expect(quaternion.angleTo(yaw(0.5))).toBeLessThan(1e-6);
  });

  it("moves smoothly and monotonically through a steady 20 Hz stream drawn at 90 fps", () => {
    for (let i = 0; i <= 20; i++) buffer.push(1000 + i * 50, at(i * 0.05), yaw(0));
    let previous = -Infinity;
    for (let now = 1100; now <= 2100; now += 1000 / 90) {
      const x = drawnX(buffer, now);
      expect(x).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = x;
    }
  });

  it("holds the newest pose when updates are late, without overshooting", () => {
    buffer.push(1000, at(0), yaw(0));
    buffer.push(1050, at(1), yaw(0));
    expect(drawnX(buffer, 1500)).toBe(1);
    expect(drawnX(buffer, 5000)).toBe(1);
  });

  it("bridges a missing update by interpolating across the wider gap", () => {
    buffer.push(1000, at(0), yaw(0));
    // 1050 never arrives
    buffer.push(1100, at(2), yaw(0));
    expect(drawnX(buffer, 1050 + INTERPOLATION_DELAY_MS)).toBeCloseTo(1, 6);
  });

  it("drops an update that arrives out of order", () => {
    buffer.push(1000, at(0), yaw(0));
    buffer.push(1100, at(2), yaw(0));
    expect(buffer.push(1050, at(99), yaw(0))).toBe(false);
    expect(buffer.size).toBe(2);
    expect(drawnX(buffer, 1050 + INTERPOLATION_DELAY_MS)).toBeCloseTo(1, 6);
  });

  it("restarts from rest after a long pause instead of crawling across it", () => {
    buffer.push(1000, at(0), yaw(0));
    buffer.push(6000, at(1), yaw(0)); // moved again after 5 s of stillness
    // 50 ms after the new pose arrived (drawn 100 ms back) the avatar is still at rest...
    expect(drawnX(buffer, 6000 - 50 + INTERPOLATION_DELAY_MS - 25)).toBeCloseTo(0, 6);
    // ...and arrives at the new pose on time rather than 5 s later.
    expect(drawnX(buffer, 6000 + INTERPOLATION_DELAY_MS)).toBe(1);
  });

  it("keeps only a short history", () => {
    for (let i = 0; i < 100; i++) buffer.push(i * 50, at(i), yaw(0));
    expect(buffer.size).toBeLessThanOrEqual(8);
    expect(drawnX(buffer, 99 * 50 + INTERPOLATION_DELAY_MS)).toBe(99);
  });
});
