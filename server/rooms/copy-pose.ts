import type { QuantisedPose } from "../../shared/pose-codec.ts";
import type { PoseState } from "./state.ts";

/** Writes a quantised pose into the state. An unchanged value marks nothing dirty: still poses cost nothing. */
export function copyPose(from: QuantisedPose, to: PoseState): void {
  to.x = from.x;
  to.y = from.y;
  to.z = from.z;
  to.q = from.q;
}
