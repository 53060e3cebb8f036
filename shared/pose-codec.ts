/**
 * The pose codec: one place where head and hand poses are quantised for the wire.
 *
 * A pose is a position in millimetres (three int16, ±32.767 m, error ≤ 0.5 mm) and a
 * rotation as a "smallest three" quaternion packed in one uint32 (2 bits for the
 * dropped component, 10 bits each for the other three; error ≤ 0.2°).
 * A frame is one flags byte, the head (10 bytes) and optionally both hands (20 bytes).
 */

export interface Vec3Like {
  x: number;
  y: number;
  z: number;
}
export interface QuatLike extends Vec3Like {
  w: number;
}
export interface Pose {
  position: Vec3Like;
  rotation: QuatLike;
}
/** The quantised form, exactly what goes on the wire. */
export interface QuantisedPose {
  x: number;
  y: number;
  z: number;
  q: number;
}
export interface QuantisedFrame {
  head: QuantisedPose;
  /** Both hands or neither: desktop users send the head only. */
  hands: { left: QuantisedPose; right: QuantisedPose } | null;
}

export const POSE_BYTES = 10;
export const FRAME_BYTES_HEAD_ONLY = 1 + POSE_BYTES;
export const FRAME_BYTES_WITH_HANDS = 1 + 3 * POSE_BYTES;
const FLAG_HANDS = 1;

const INT16_MAX = 32767;
const MM_PER_METRE = 1000;
const COMPONENT_BITS = 10;
const COMPONENT_MAX = (1 << COMPONENT_BITS) - 1;
const COMPONENT_RANGE = Math.SQRT1_2;

export function quantiseMetres(metres: number): number {
  if (Number.isNaN(metres)) return 0;
  const mm = Math.round(metres * MM_PER_METRE);
  return Math.max(-INT16_MAX, Math.min(INT16_MAX, mm));
}

export function dequantiseMetres(mm: number): number {
  return mm / MM_PER_METRE;
}

/** Packs a unit quaternion with the smallest-three scheme. Non-unit input is normalised. */
export function packQuaternion(q: QuatLike): number {
  let { x, y, z, w } = q;
  const length = Math.hypot(x, y, z, w);
  if (!Number.isFinite(length) || length === 0) return packQuaternion({ x: 0, y: 0, z: 0, w: 1 });
  x /= length;
  y /= length;
  z /= length;
  w /= length;
  const components = [x, y, z, w];
  let largest = 0;
  for (let i = 1; i < 4; i++) {
    if (Math.abs(components[i]!) > Math.abs(components[largest]!)) largest = i;
  }
  const sign = components[largest]! < 0 ? -1 : 1;
  const others = components.filter((_, i) => i !== largest).map((c) => c * sign);
  const levels = others.map((c) => Math.max(0, Math.min(1, (c / COMPONENT_RANGE + 1) / 2)) * COMPONENT_MAX);
  // Of the 8 floor/ceil roundings, keep the one closest to the input (largest |dot|).
  let best = 0;
  let bestDot = -1;
  for (let choice = 0; choice < 8; choice++) {
    const steps = levels.map((l, i) => Math.min(COMPONENT_MAX, (choice >> i) & 1 ? Math.ceil(l) : Math.floor(l)));
    const decoded = steps.map((step) => (step / COMPONENT_MAX * 2 - 1) * COMPONENT_RANGE);
    const dropped = Math.sqrt(Math.max(0, 1 - decoded[0]! ** 2 - decoded[1]! ** 2 - decoded[2]! ** 2));
    const dot = Math.abs(dropped * Math.abs(components[largest]!) + decoded[0]! * others[0]! + decoded[1]! * others[1]! + decoded[2]! * others[2]!);
    if (dot > bestDot) {
      bestDot = dot;
      best = (((largest << COMPONENT_BITS | steps[0]!) << COMPONENT_BITS | steps[1]!) << COMPONENT_BITS) | steps[2]!;
    }
  }
  return best >>> 0;
}

/**
 * Whether a packed quaternion is a unit one. The wire carries three components and the fourth is
 * sqrt(1 - their squares); when those squares sum past 1 no fourth component makes it unit
 * (a hand-made packet: packQuaternion never writes one). Allocation-free, for the server's hot path.
 */
export function isUnitPackedQuaternion(packed: number): boolean {
  let sumSquares = 0;
  for (let shift = 2 * COMPONENT_BITS; shift >= 0; shift -= COMPONENT_BITS) {
    const component = ((((packed >>> shift) & COMPONENT_MAX) / COMPONENT_MAX) * 2 - 1) * COMPONENT_RANGE;
    sumSquares += component * component;
  }
  return sumSquares <= 1;
}

export function unpackQuaternion<T extends QuatLike>(packed: number, out: T): T {
  const largest = (packed >>> (3 * COMPONENT_BITS)) & 3;
  const rest: number[] = [];
  for (let shift = 2 * COMPONENT_BITS; shift >= 0; shift -= COMPONENT_BITS) {
    const unit = ((packed >>> shift) & COMPONENT_MAX) / COMPONENT_MAX;
    rest.push((unit * 2 - 1) * COMPONENT_RANGE);
  }
  const sumSquares = rest[0]! ** 2 + rest[1]! ** 2 + rest[2]! ** 2;
  const dropped = Math.sqrt(Math.max(0, 1 - sumSquares));
  const components: number[] = [];
  for (let i = 0, r = 0; i < 4; i++) components.push(i === largest ? dropped : rest[r++]!);
  out.x = components[0]!;
  out.y = components[1]!;
  out.z = components[2]!;
  out.w = components[3]!;
  return out;
}

export function quantisePose(pose: Pose): QuantisedPose {
  return {
    x: quantiseMetres(pose.position.x),
    y: quantiseMetres(pose.position.y),
    z: quantiseMetres(pose.position.z),
    q: packQuaternion(pose.rotation),
  };
}

/** Writes a quantised pose into existing objects (no allocation: safe per frame). */
export function dequantisePose(q: QuantisedPose, position: Vec3Like, rotation: QuatLike): void {
  position.x = dequantiseMetres(q.x);
  position.y = dequantiseMetres(q.y);
  position.z = dequantiseMetres(q.z);
  unpackQuaternion(q.q, rotation);
}

function writePose(view: DataView, offset: number, pose: QuantisedPose): void {
  view.setInt16(offset, pose.x, true);
  view.setInt16(offset + 2, pose.y, true);
  view.setInt16(offset + 4, pose.z, true);
  view.setUint32(offset + 6, pose.q, true);
}

const int16At = (b: Uint8Array, i: number) => ((b[i]! | (b[i + 1]! << 8)) << 16) >> 16;
const uint32At = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

function readPose(bytes: Uint8Array, offset: number, out: QuantisedPose): QuantisedPose {
  out.x = int16At(bytes, offset);
  out.y = int16At(bytes, offset + 2);
  out.z = int16At(bytes, offset + 4);
  out.q = uint32At(bytes, offset + 6);
  return out;
}

const newPose = (): QuantisedPose => ({ x: 0, y: 0, z: 0, q: 0 });

/** The length of a frame that starts with this flags byte; 0 when no frame starts so. */
export function frameLengthFor(flags: number | undefined): number {
  if (flags === undefined || (flags & ~FLAG_HANDS) !== 0) return 0;
  return (flags & FLAG_HANDS) !== 0 ? FRAME_BYTES_WITH_HANDS : FRAME_BYTES_HEAD_ONLY;
}

/** Whether the bytes are a well-formed frame, and with hands or not. */
function frameShape(bytes: Uint8Array): "head" | "hands" | null {
  const length = frameLengthFor(bytes[0]);
  if (length === 0 || bytes.length !== length) return null;
  return length === FRAME_BYTES_WITH_HANDS ? "hands" : "head";
}

export function encodeFrame(frame: QuantisedFrame): Uint8Array {
  const bytes = new Uint8Array(frame.hands ? FRAME_BYTES_WITH_HANDS : FRAME_BYTES_HEAD_ONLY);
  const view = new DataView(bytes.buffer);
  bytes[0] = frame.hands ? FLAG_HANDS : 0;
  writePose(view, 1, frame.head);
  if (frame.hands) {
    writePose(view, 1 + POSE_BYTES, frame.hands.left);
    writePose(view, 1 + 2 * POSE_BYTES, frame.hands.right);
  }
  return bytes;
}

/** Decodes a frame, or returns null when the bytes are not a well-formed frame. */
export function decodeFrame(bytes: Uint8Array): QuantisedFrame | null {
  const shape = frameShape(bytes);
  if (!shape) return null;
  const head = readPose(bytes, 1, newPose());
  const hands = shape === "hands"
    ? { left: readPose(bytes, 1 + POSE_BYTES, newPose()), right: readPose(bytes, 1 + 2 * POSE_BYTES, newPose()) }
    : null;
  return { head, hands };
}

/**
 * Decodes frames into the same objects every time, for the server's hot path where a frame is
 * checked and let go. The frame returned is only valid until the next `read`.
 */
export class FrameReader {
  private readonly frame: QuantisedFrame = { head: newPose(), hands: null };
  private readonly hands = { left: newPose(), right: newPose() };

  read(bytes: Uint8Array): QuantisedFrame | null {
    const shape = frameShape(bytes);
    if (!shape) return null;
    readPose(bytes, 1, this.frame.head);
    this.frame.hands = shape === "hands" ? this.hands : null;
    if (this.frame.hands) {
      readPose(bytes, 1 + POSE_BYTES, this.frame.hands.left);
      readPose(bytes, 1 + 2 * POSE_BYTES, this.frame.hands.right);
    }
    return this.frame;
  }
}
