/**
 * One patch clock for every circle in this process. Colyseus gives each room its own
 * setInterval, so 50 circles wake the process 1,000 times a second at staggered moments; on one
 * shared clock it wakes 20 times and sends every circle's patch in one burst.
 */
import { log } from "../log.ts";

/** What the clock drives: Colyseus' Room.broadcastPatch (it also ticks the room's clock). */
export interface Patched {
  readonly roomId: string;
  broadcastPatch(): unknown;
}

/** Colyseus' default patch rate (20 per second). */
export const PATCH_INTERVAL_MS = 50;

const rooms = new Set<Patched>();
let timer: NodeJS.Timeout | undefined;

function tick(): void {
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
  rooms.add(room);
  timer ??= setInterval(tick, PATCH_INTERVAL_MS);
}

export function leavePatchClock(room: Patched): void {
  rooms.delete(room);
  if (rooms.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}
