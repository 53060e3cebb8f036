import {
  HAND_MAX_DISTANCE_FROM_HEAD,
  HEAD_MAX_DISTANCE_FROM_SEAT,
  HEAD_MAX_HEIGHT,
} from "./limits.ts";
import { dequantiseMetres, isUnitPackedQuaternion, type QuantisedFrame, type QuantisedPose } from "./pose-codec.ts";
import type { SeatTransform } from "./seats.ts";

function distance(a: QuantisedPose, b: QuantisedPose): number {
  return dequantiseMetres(Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z));
}

/**
 * Why a frame is not a pose a seated person could have, or null when it is fine.
 * Keeps everyone's avatar at their own seat: nobody can put their head in another's face.
 */
export function implausibleFrameReason(frame: QuantisedFrame, seat: SeatTransform): string | null {
  const head = frame.head;
  const headY = dequantiseMetres(head.y);
  if (headY < 0 || headY > HEAD_MAX_HEIGHT) return "The head is below the floor or too high.";
  const fromSeat = Math.hypot(dequantiseMetres(head.x) - seat.x, dequantiseMetres(head.z) - seat.z);
  if (fromSeat > HEAD_MAX_DISTANCE_FROM_SEAT) return "The head is too far from your seat.";
  if (!isUnitPackedQuaternion(head.q)) return "The head's rotation is not a unit quaternion.";
  if (frame.hands) {
    if (!isUnitPackedQuaternion(frame.hands.left.q) || !isUnitPackedQuaternion(frame.hands.right.q)) {
      return "A hand's rotation is not a unit quaternion.";
    }
    for (const hand of [frame.hands.left, frame.hands.right]) {
      if (distance(hand, head) > HAND_MAX_DISTANCE_FROM_HEAD) return "A hand is too far from the head.";
      if (dequantiseMetres(hand.y) < -0.1) return "A hand is below the floor.";
    }
  }
  return null;
}
