import type { Room } from "colyseus.js";
import { RemotePoses } from "../../shared/pose-relay.ts";
import { ServerMessage } from "../../shared/protocol.ts";

/**
 * Poses as this client receives them (ServerMessage.Poses), forgetting whoever leaves its view,
 * as the browser client does. Call right after joining, before awaiting anything.
 */
export function followPoses(room: Room): RemotePoses {
  const poses = new RemotePoses();
  room.onStateChange((state: { participants?: { has(id: string): boolean } }) => state.participants && poses.retain(state.participants));
  room.onMessage(ServerMessage.Poses, (bytes: Uint8Array) => {
    const participants = (room.state as { participants?: Parameters<RemotePoses["receive"]>[1] }).participants;
    if (participants) poses.receive(bytes, participants);
  });
  return poses;
}
