/**
 * Poses do not wait for the 50 ms state tick. A relay with new frames asks for a flush:
 * - with no window (POSE_FLUSH_MS=0), every relay that asked is flushed once, in one setImmediate
 *   after the current event-loop turn, so frames that arrive in the same turn share a message;
 * - with a window, each circle's first new frame starts that circle's own timer, and what
 *   arrives before it fires goes in the same message per client. Circles' windows start at
 *   their own moments, so they do not flush in one burst.
 * An idle circle costs nothing either way.
 */
import { log } from "../log.ts";

export interface PendingPoses {
  readonly roomId: string;
  flushPending(): void;
}

const pending = new Set<PendingPoses>();
let scheduled: NodeJS.Immediate | undefined;
const windows = new Map<PendingPoses, NodeJS.Timeout>();
/** 0: after the current event-loop turn; otherwise frames wait up to this long to share a message. */
let windowMs = 0;

/** How long new frames may wait to be sent together (POSE_FLUSH_MS). */
export function setPoseFlushWindow(ms: number): void {
  windowMs = Math.max(0, ms);
}

function flushOne(relay: PendingPoses): void {
  try {
    relay.flushPending();
  } catch (error) {
    // One circle's fault must not stop the others' poses.
    log.error({ roomId: relay.roomId, err: String(error) }, "pose flush failed");
  }
}

function flushAll(): void {
  scheduled = undefined;
  for (const relay of pending) {
    pending.delete(relay);
    flushOne(relay);
  }
}

/** Flush `relay` after this event-loop turn, or at the end of its window (once, however often it asks). */
export function requestPoseFlush(relay: PendingPoses): void {
  if (windowMs > 0) {
    if (windows.has(relay)) return;
    windows.set(
      relay,
      setTimeout(() => {
        windows.delete(relay);
        flushOne(relay);
      }, windowMs),
    );
    return;
  }
  pending.add(relay);
  scheduled ??= setImmediate(flushAll);
}

/** The room is going away: drop its pending flush. */
export function cancelPoseFlush(relay: PendingPoses): void {
  pending.delete(relay);
  clearTimeout(windows.get(relay));
  windows.delete(relay);
}
