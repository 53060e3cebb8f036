import { ROOM_CLIENT_MARGIN } from "../../shared/limits.ts";
import { MAX_POSE_IDS } from "../../shared/pose-relay.ts";

/**
 * A circle room's `maxClients`: its seats plus a small margin (a dropped connection's held seat,
 * facilitators, the waiting room's turn-over). Colyseus counts unconsumed seat reservations
 * against it, so it stays tight: the room's own checks give the clear "circle is full" message.
 */
export function roomMaxClients(seats: number): number {
  return Math.min(seats + ROOM_CLIENT_MARGIN, MAX_POSE_IDS);
}
