/**
 * Poses travel beside the room state, not in it. The room sends a client ServerMessage.Poses
 * messages holding the poses that client does not have yet: entries of
 * [poseId: uint8][frame (shared/pose-codec.ts)], back to back. `poseId` is the sender's `poseId`
 * in the room state. New frames go out as they arrive (coalesced per event-loop turn), but a
 * pose id reaches a client only after a state patch that names it (the catch-up message right
 * after each patch), so the state a client holds when a Poses message arrives always knows every
 * poseId in it.
 *
 * One encoded frame goes to every receiver as it came (after the room validated it), so the
 * server does no per-receiver encoding at all: that is what keeps a pose cheap to deliver.
 */
import { decodeFrame, FRAME_BYTES_WITH_HANDS, frameLengthFor, type QuantisedFrame } from "./pose-codec.ts";

/** Pose ids are small numbers, one per participant in a room (the room admits at most this many). */
export const MAX_POSE_IDS = 64;
export const POSE_ENTRY_MAX_BYTES = 1 + FRAME_BYTES_WITH_HANDS;

/**
 * Calls `visit` for each entry of a Poses message; the frame is a view into `bytes`.
 * Returns false (after visiting the good entries before it) when the message is malformed.
 */
export function readPoseBatch(bytes: Uint8Array, visit: (poseId: number, frame: Uint8Array) => void): boolean {
  let offset = 0;
  while (offset < bytes.length) {
    const poseId = bytes[offset]!;
    const length = frameLengthFor(bytes[offset + 1]);
    if (length === 0 || offset + 1 + length > bytes.length) return false;
    visit(poseId, bytes.subarray(offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  return true;
}

/** What a Poses message needs from the room state: who holds which pose id. */
export interface PoseIdSource {
  forEach(cb: (participant: { poseId: number }, id: string) => void): void;
}

/**
 * The latest pose of everyone else, by participant id, as the client (and the tests and load
 * bots) hold it. Feed it every Poses message with the room state as it is at that moment.
 */
export class RemotePoses {
  private readonly frames = new Map<string, QuantisedFrame>();
  private readonly idByPoseId: (string | undefined)[] = [];

  get(participantId: string): QuantisedFrame | undefined {
    return this.frames.get(participantId);
  }

  /** Applies one Poses message; returns how many poses it carried. */
  receive(bytes: Uint8Array, participants: PoseIdSource): number {
    this.idByPoseId.length = 0;
    participants.forEach((p, id) => {
      this.idByPoseId[p.poseId] = id;
    });
    let count = 0;
    readPoseBatch(bytes, (poseId, frame) => {
      const id = this.idByPoseId[poseId];
      const decoded = id === undefined ? null : decodeFrame(frame);
      if (id === undefined || !decoded) return;
      this.frames.set(id, decoded);
      count++;
    });
    return count;
  }

  /** Drops everyone not in `present` (they left, or a block now keeps them apart). */
  retain(present: { has(id: string): boolean }): void {
    for (const id of this.frames.keys()) if (!present.has(id)) this.frames.delete(id);
  }

  clear(): void {
    this.frames.clear();
  }
}
