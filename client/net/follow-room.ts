import type { Room } from "colyseus.js";
import { connection } from "./connection.ts";

/**
 * Follows the connection for a feature's per-session store: each new room (a join or a
 * reconnection) is handed to `wire`; `reset` runs when a different session starts and when the
 * circle is left. Call it when the feature's module loads, with the app shell, so no message of a
 * fresh room is missed.
 */
export function followRooms(wire: (room: Room) => void, reset: () => void): void {
  let wired: Room | null = null;
  const follow = (room: Room | null, status: string) => {
    if (room && room !== wired) {
      const sameSession = wired?.sessionId === room.sessionId;
      wired = room;
      if (!sameSession) reset();
      wire(room);
    }
    if (!room && (status === "left" || status === "idle")) {
      wired = null;
      reset();
    }
  };
  follow(connection.getState().room, connection.getState().status);
  connection.subscribe((s) => follow(s.room, s.status));
}
