/**
 * Poses do not wait for the 50 ms state tick: a relay with new frames asks for a flush, and
 * every relay that asked is flushed once, in one setImmediate after the current event-loop turn.
 * Frames that arrive in the same turn (under load, many) therefore share one message per client,
 * and an idle circle costs nothing.
 */
import { log } from "../log.ts";

export interface PendingPoses {
  readonly roomId: string;
  flushPending(): void;
}

const pending = new Set<PendingPoses>();
let scheduled: NodeJS.Immediate | undefined;

function flushAll(): void {
  scheduled = undefined;
  for (const relay of pending) {
    pending.delete(relay);
    try {
      relay.flushPending();
    } catch (error) {
      // One circle's fault must not stop the others' poses.
      log.error({ roomId: relay.roomId, err: String(error) }, "pose flush failed");
    }
  }
}

/** Flush `relay` after this event-loop turn (once, however often it asks). */
export function requestPoseFlush(relay: PendingPoses): void {
  pending.add(relay);
  scheduled ??= setImmediate(flushAll);
}

/** The room is going away: drop its pending flush. */
export function cancelPoseFlush(relay: PendingPoses): void {
  pending.delete(relay);
}
