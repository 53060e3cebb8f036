import { describe, expect, it } from "vitest";
import {
  CIRCLE_CAPACITY_MAX,
  CIRCLE_CAPACITY_MIN,
  CIRCLE_MIN_RADIUS,
  SEAT_SPACING,
  SEATED_EYE_HEIGHT,
} from "../../shared/limits.ts";
import { dequantiseMetres, unpackQuaternion } from "../../shared/pose-codec.ts";
import { circleRadius, pickSeat, seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import { rotate } from "../support/quat.ts";
import { seededRandom } from "../support/random.ts";

const EPS = 1e-9;
const capacities = Array.from(
  { length: CIRCLE_CAPACITY_MAX - CIRCLE_CAPACITY_MIN + 1 },
  (_, i) => CIRCLE_CAPACITY_MIN + i,
);
const seatsOf = (capacity: number) => Array.from({ length: capacity }, (_, i) => seatTransform(i, capacity));

describe("seats around the fire", () => {
  it.each(capacities)("are all the same distance from the fire (capacity %i)", (capacity) => {
    const radius = circleRadius(capacity);
    expect(radius).toBeGreaterThanOrEqual(CIRCLE_MIN_RADIUS);
    for (const seat of seatsOf(capacity)) expect(Math.hypot(seat.x, seat.z)).toBeCloseTo(radius, 9);
  });

  it.each(capacities)("are evenly spaced, at least SEAT_SPACING apart (capacity %i)", (capacity) => {
    const seats = seatsOf(capacity);
    const gaps = seats.map((s, i) => {
      const next = seats[(i + 1) % capacity]!;
      return Math.hypot(next.x - s.x, next.z - s.z);
    });
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(SEAT_SPACING - EPS);
      expect(gap).toBeCloseTo(gaps[0]!, 9);
    }
  });

  it.each(capacities)("face the fire at the origin (capacity %i)", (capacity) => {
    for (const seat of seatsOf(capacity)) {
      const forward = { x: -Math.sin(seat.yaw), z: -Math.cos(seat.yaw) };
      const length = Math.hypot(seat.x, seat.z);
      expect(forward.x).toBeCloseTo(-seat.x / length, 9);
      expect(forward.z).toBeCloseTo(-seat.z / length, 9);
    }
  });
});

describe("picking a seat", () => {
  it("gives the first person seat 0", () => {
    expect(pickSeat([], 12)).toBe(0);
  });

  it("puts the second person opposite the first", () => {
    expect(pickSeat([0], 12)).toBe(6);
    expect(pickSeat([3], 12)).toBe(9);
  });

  it("puts the third person in the middle of the largest gap", () => {
    expect(pickSeat([0, 6], 12)).toBe(3);
  });

  it.each(capacities)("fills every seat exactly once, then reports full (capacity %i)", (capacity) => {
    const taken: number[] = [];
    for (let i = 0; i < capacity; i++) {
      const seat = pickSeat(taken, capacity);
      expect(seat).not.toBeNull();
      expect(seat).toBeGreaterThanOrEqual(0);
      expect(seat).toBeLessThan(capacity);
      expect(taken).not.toContain(seat);
      taken.push(seat!);
    }
    expect(new Set(taken).size).toBe(capacity);
    expect(pickSeat(taken, capacity)).toBeNull();
  });

  it("never returns an occupied seat, whoever has left", () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 500; trial++) {
      const capacity = capacities[Math.floor(random() * capacities.length)]!;
      const occupied = Array.from({ length: capacity }, (_, i) => i).filter(() => random() < 0.6);
      const seat = pickSeat(occupied, capacity);
      if (occupied.length === capacity) {
        expect(seat).toBeNull();
      } else {
        expect(seat).not.toBeNull();
        expect(occupied).not.toContain(seat);
      }
    }
  });
});

describe("a seated head pose", () => {
  const capacity = 8;
  const gaze = (index: number, yawOffset = 0, pitch = 0) => {
    const pose = seatedHeadPose(index, capacity, yawOffset, pitch);
    return rotate(unpackQuaternion(pose.q, { x: 0, y: 0, z: 0, w: 0 }), { x: 0, y: 0, z: -1 });
  };

  it("sits at the seat, at seated eye height", () => {
    for (let i = 0; i < capacity; i++) {
      const pose = seatedHeadPose(i, capacity);
      const seat = seatTransform(i, capacity);
      expect(dequantiseMetres(pose.x)).toBeCloseTo(seat.x, 3);
      expect(dequantiseMetres(pose.z)).toBeCloseTo(seat.z, 3);
      expect(dequantiseMetres(pose.y)).toBeCloseTo(SEATED_EYE_HEIGHT, 3);
    }
  });

  it("looks at the fire by default", () => {
    for (let i = 0; i < capacity; i++) {
      const seat = seatTransform(i, capacity);
      const length = Math.hypot(seat.x, seat.z);
      const forward = gaze(i);
      expect(forward.x).toBeCloseTo(-seat.x / length, 2);
      expect(forward.y).toBeCloseTo(0, 2);
      expect(forward.z).toBeCloseTo(-seat.z / length, 2);
    }
  });

  it("turns left by the yaw offset", () => {
    const seat = seatTransform(3, capacity);
    const toFire = { x: -seat.x, z: -seat.z };
    const length = Math.hypot(toFire.x, toFire.z);
    // Left of "forward" (fx, fz) in a right-handed, Y-up world is (fz, -fx).
    const left = { x: toFire.z / length, z: -toFire.x / length };
    const forward = gaze(3, Math.PI / 2);
    expect(forward.x).toBeCloseTo(left.x, 2);
    expect(forward.z).toBeCloseTo(left.z, 2);
  });

  it("tilts the gaze up by the pitch", () => {
    expect(gaze(2, 0, 0.3).y).toBeCloseTo(Math.sin(0.3), 2);
    expect(gaze(2, 0, -0.3).y).toBeCloseTo(-Math.sin(0.3), 2);
  });
});
