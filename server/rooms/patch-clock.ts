/**
 * One patch clock for every circle in this process. Colyseus gives each room its own
 * setInterval, so 50 circles wake the process 1,000 times a second at scattered moments. On one
 * shared clock the circles are spread over PHASES slots of the 50 ms interval (each circle in
 * the least-filled slot when it opens): every circle is still patched every 50 ms, but they do
 * not all patch (and send their catch-up poses) in one burst, which is what the event loop's
 * delay tail and the pose latency tail are made of.
 */
import { log } from "../log.ts";

/** What the clock drives: Colyseus' Room.broadcastPatch (it also ticks the room's clock). */
export interface Patched {
  readonly roomId: string;
  broadcastPatch(): unknown;
}

/** Colyseus' default patch rate (20 per second). */
export const PATCH_INTERVAL_MS = 50;
const PHASES = 5;

const phases: Set<Patched>[] = Array.from({ length: PHASES }, () => new Set());
const phaseOf = new Map<Patched, Set<Patched>>();
let next = 0;
let timer: NodeJS.Timeout | undefined;

function tick(): void {
  const rooms = phases[next]!;
  next = (next + 1) % PHASES;
  for (const room of rooms) {
    try {
      room.broadcastPatch();
    } catch (error) {
      // One circle's fault must not stop the others' patches.
      log.error({ roomId: room.roomId, err: String(error) }, "patch failed");
    }
  }
}

/** Call after `setPatchRate(null)`: the room is patched on the shared clock from now on. */
export function joinPatchClock(room: Patched): void {
  if (phaseOf.has(room)) return;
  const phase = phases.reduce((least, p) => (p.size < least.size ? p : least));
  phase.add(room);
  phaseOf.set(room, phase);
  timer ??= setInterval(tick, PATCH_INTERVAL_MS / PHASES);
}

export function leavePatchClock(room: Patched): void {
  phaseOf.get(room)?.delete(room);
  phaseOf.delete(room);
  if (phaseOf.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}
