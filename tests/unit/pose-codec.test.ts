import { describe, expect, it } from "vitest";
import {
  decodeFrame,
  dequantiseMetres,
  encodeFrame,
  FRAME_BYTES_HEAD_ONLY,
  FRAME_BYTES_WITH_HANDS,
  FrameReader,
  isUnitPackedQuaternion,
  packQuaternion,
  type QuantisedFrame,
  type QuantisedPose,
  type QuatLike,
  quantiseMetres,
  unpackQuaternion,
} from "../../shared/pose-codec.ts";
import { implausibleFrameReason } from "../../shared/pose-rules.ts";
import { seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import { angleBetweenDegrees, randomUnitQuaternion } from "../support/quat.ts";
import { seededRandom } from "../support/random.ts";

const IDENTITY: QuatLike = { x: 0, y: 0, z: 0, w: 1 };
const roundTripQuat = (q: QuatLike): QuatLike => unpackQuaternion(packQuaternion(q), { x: 0, y: 0, z: 0, w: 0 });
const roundTripMetres = (m: number): number => dequantiseMetres(quantiseMetres(m));

describe("positions on the wire", () => {
  it("come back within half a millimetre anywhere inside ±32 m", () => {
    const random = seededRandom(1);
    const samples = [0, 0.0005, -0.0005, 1.15, -1.8, 31.9999, -32, 32];
    for (let i = 0; i < 2000; i++) samples.push((random() * 2 - 1) * 32);
    for (const metres of samples) {
      expect(Math.abs(roundTripMetres(metres) - metres)).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });

  it("are clamped to the int16 range outside ±32.767 m", () => {
    expect(quantiseMetres(40)).toBe(32767);
    expect(quantiseMetres(-40)).toBe(-32767);
    expect(roundTripMetres(1e6)).toBeCloseTo(32.767, 9);
    expect(roundTripMetres(-1e6)).toBeCloseTo(-32.767, 9);
  });

  it("turn NaN into the origin", () => {
    expect(quantiseMetres(Number.NaN)).toBe(0);
  });
});

describe("rotations on the wire", () => {
  it("come back within 0.2° for every random unit quaternion", () => {
    const random = seededRandom(2);
    const errors: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const q = randomUnitQuaternion(random);
      errors.push(angleBetweenDegrees(q, roundTripQuat(q)));
    }
    expect(Math.max(...errors)).toBeLessThanOrEqual(0.2);
    expect(Math.max(...errors)).toBeGreaterThan(0.05); // it is lossy: the checks above measured something
  });

  it("stay within 0.2° near the worst case for round-to-nearest, (±½, ±½, ±½, ±½)", () => {
    for (const signs of [[1, 1, 1, 1], [1, -1, 1, -1], [-1, 1, 1, 1]]) {
      const q = { x: 0.5 * signs[0]! + 0.0004, y: 0.5 * signs[1]!, z: 0.5 * signs[2]! - 0.0003, w: 0.5 * signs[3]! };
      const n = Math.hypot(q.x, q.y, q.z, q.w);
      const unit = { x: q.x / n, y: q.y / n, z: q.z / n, w: q.w / n };
      expect(angleBetweenDegrees(unit, roundTripQuat(unit))).toBeLessThanOrEqual(0.2);
    }
  });

  it.each<[string, QuatLike]>([
    ["identity", IDENTITY],
    ["half turn about X", { x: 1, y: 0, z: 0, w: 0 }],
    ["half turn about Z", { x: 0, y: 0, z: -1, w: 0 }],
    ["two equal largest components", { x: Math.SQRT1_2, y: Math.SQRT1_2, z: 0, w: 0 }],
    ["all components equal", { x: 0.5, y: -0.5, z: 0.5, w: -0.5 }],
  ])("come back within 0.2° at the edge case: %s", (_name, q) => {
    expect(angleBetweenDegrees(q, roundTripQuat(q))).toBeLessThanOrEqual(0.2);
  });

  it("encode q and -q identically, since they are the same rotation", () => {
    const random = seededRandom(3);
    for (let i = 0; i < 500; i++) {
      const q = randomUnitQuaternion(random);
      expect(packQuaternion({ x: -q.x, y: -q.y, z: -q.z, w: -q.w })).toBe(packQuaternion(q));
    }
  });

  it("normalise a quaternion that is not unit length", () => {
    const random = seededRandom(4);
    for (let i = 0; i < 500; i++) {
      const q = randomUnitQuaternion(random);
      const scaled = { x: q.x * 3.7, y: q.y * 3.7, z: q.z * 3.7, w: q.w * 3.7 };
      const back = roundTripQuat(scaled);
      expect(Math.hypot(back.x, back.y, back.z, back.w)).toBeCloseTo(1, 6);
      expect(angleBetweenDegrees(q, back)).toBeLessThanOrEqual(0.2);
    }
  });

  it.each<[string, QuatLike]>([
    ["all zeros", { x: 0, y: 0, z: 0, w: 0 }],
    ["NaN", { x: Number.NaN, y: 0, z: 0, w: 1 }],
    ["infinite", { x: Number.POSITIVE_INFINITY, y: 0, z: 0, w: 1 }],
  ])("fall back to the identity for %s input", (_name, q) => {
    expect(packQuaternion(q)).toBe(packQuaternion(IDENTITY));
    expect(angleBetweenDegrees(IDENTITY, roundTripQuat(q))).toBeLessThanOrEqual(0.2);
  });
});

describe("pose frames", () => {
  const head: QuantisedPose = { x: 1234, y: 1150, z: -1800, q: packQuaternion({ x: 0, y: 0.6, z: 0, w: 0.8 }) };
  const left: QuantisedPose = { x: 1000, y: 900, z: -1500, q: packQuaternion({ x: 0.2, y: 0.1, z: 0.3, w: 0.9 }) };
  const right: QuantisedPose = { x: 1500, y: 950, z: -1600, q: packQuaternion({ x: -0.2, y: 0.4, z: 0, w: 0.9 }) };

  it("round trip the head alone in 11 bytes", () => {
    const frame: QuantisedFrame = { head, hands: null };
    const bytes = encodeFrame(frame);
    expect(bytes.length).toBe(11);
    expect(bytes.length).toBe(FRAME_BYTES_HEAD_ONLY);
    expect(decodeFrame(bytes)).toEqual(frame);
  });

  it("round trip the head and both hands in 31 bytes", () => {
    const frame: QuantisedFrame = { head, hands: { left, right } };
    const bytes = encodeFrame(frame);
    expect(bytes.length).toBe(31);
    expect(bytes.length).toBe(FRAME_BYTES_WITH_HANDS);
    expect(decodeFrame(bytes)).toEqual(frame);
  });

  it("stay within 64 bytes with the head and two hands", () => {
    expect(encodeFrame({ head, hands: { left, right } }).length).toBeLessThanOrEqual(64);
  });

  it("carry extreme values exactly as integers", () => {
    const far: QuantisedFrame = {
      head: { x: 0, y: 0, z: 0, q: 0 },
      hands: {
        left: { x: -32767, y: -32767, z: -32767, q: 0xffffffff },
        right: { x: 32767, y: 32767, z: 32767, q: 0x80000001 },
      },
    };
    expect(decodeFrame(encodeFrame(far))).toEqual(far);
  });

  it("decode from a view into a larger buffer (as a socket hands them over)", () => {
    const bytes = encodeFrame({ head, hands: { left, right } });
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 5);
    expect(decodeFrame(padded.subarray(5, 5 + bytes.length))).toEqual({ head, hands: { left, right } });
  });

  it.each<[string, Uint8Array]>([
    ["empty", new Uint8Array(0)],
    ["an unknown flag", withFlag(encodeFrame({ head, hands: null }), 2)],
    ["a high flag bit", withFlag(encodeFrame({ head, hands: null }), 0x81)],
    ["the hands flag but head-only length", withFlag(encodeFrame({ head, hands: null }), 1)],
    ["no hands flag but with-hands length", withFlag(encodeFrame({ head, hands: { left, right } }), 0)],
    ["one byte too many", new Uint8Array(FRAME_BYTES_HEAD_ONLY + 1)],
    ["one byte too few", new Uint8Array(FRAME_BYTES_HEAD_ONLY - 1)],
    ["the flag byte alone", new Uint8Array(1)],
  ])("are refused (null) when they have %s", (_name, bytes) => {
    expect(decodeFrame(bytes)).toBeNull();
    expect(new FrameReader().read(bytes)).toBeNull();
  });

  it("read the same as decodeFrame through a FrameReader, one frame after another", () => {
    const reader = new FrameReader();
    const frames: QuantisedFrame[] = [
      { head, hands: { left, right } },
      { head: right, hands: null },
      { head: left, hands: { left: right, right: head } },
      { head: { x: -32767, y: 32767, z: -1, q: 0xffffffff }, hands: null },
    ];
    for (const frame of frames) expect(reader.read(encodeFrame(frame))).toEqual(frame);
  });
});

describe("implausible poses", () => {
  const capacity = 12;
  const seat = seatTransform(0, capacity);
  const head = seatedHeadPose(0, capacity);
  const q = head.q;
  const near = (dx: number, dy: number, dz: number): QuantisedPose => ({
    x: head.x + dx, y: head.y + dy, z: head.z + dz, q,
  });

  it("accepts a seated head, with or without hands nearby", () => {
    expect(implausibleFrameReason({ head, hands: null }, seat)).toBeNull();
    const hands = { left: near(-300, -400, -200), right: near(300, -400, -200) };
    expect(implausibleFrameReason({ head, hands }, seat)).toBeNull();
  });

  it("accepts leaning to just inside the limit", () => {
    expect(implausibleFrameReason({ head: near(1490, 0, 0), hands: null }, seat)).toBeNull();
  });

  it("refuses a head too far from its seat (e.g. in someone else's face)", () => {
    const reason = implausibleFrameReason({ head: near(1510, 0, 0), hands: null }, seat);
    expect(reason).toMatch(/too far from your seat/);
    const atTheFire = { x: 0, y: head.y, z: 0, q };
    expect(implausibleFrameReason({ head: atTheFire, hands: null }, seat)).toMatch(/too far from your seat/);
  });

  it("refuses a head below the floor or too high", () => {
    expect(implausibleFrameReason({ head: { ...head, y: -1 }, hands: null }, seat)).toMatch(/below the floor/);
    expect(implausibleFrameReason({ head: { ...head, y: 2700 }, hands: null }, seat)).toMatch(/too high/);
  });

  it("refuses a hand too far from the head", () => {
    const hands = { left: near(-300, -400, 0), right: near(1400, 0, 0) };
    expect(implausibleFrameReason({ head, hands }, seat)).toMatch(/hand is too far from the head/);
  });

  it("refuses a rotation that no unit quaternion has (three packed components whose squares pass 1)", () => {
    // Largest-index 3 (w dropped), all three others at their maximum: x² + y² + z² = 1.5.
    const nonUnit = ((((3 << 10) | 1023) << 10 | 1023) << 10 | 1023) >>> 0;
    expect(isUnitPackedQuaternion(nonUnit)).toBe(false);
    expect(implausibleFrameReason({ head: { ...head, q: nonUnit }, hands: null }, seat)).toMatch(/not a unit quaternion/);
    const hands = { left: { ...near(-300, -400, -200), q: nonUnit }, right: near(300, -400, -200) };
    expect(implausibleFrameReason({ head, hands }, seat)).toMatch(/hand's rotation is not a unit quaternion/);
  });

  it("accepts every rotation packQuaternion writes", () => {
    const random = seededRandom(18);
    for (let i = 0; i < 2000; i++) expect(isUnitPackedQuaternion(packQuaternion(randomUnitQuaternion(random)))).toBe(true);
    expect(isUnitPackedQuaternion(packQuaternion({ x: 5, y: -3, z: 2, w: 0.1 }))).toBe(true);
  });

  it("refuses a hand below the floor", () => {
    const low = { ...near(0, 0, 0), y: -200 };
    const hands = { left: low, right: near(0, -400, 0) };
    expect(implausibleFrameReason({ head: { ...head, y: 900 }, hands }, seat)).toMatch(/hand is below the floor/);
  });
});

function withFlag(bytes: Uint8Array, flag: number): Uint8Array {
  const copy = bytes.slice();
  copy[0] = flag;
  return copy;
}
