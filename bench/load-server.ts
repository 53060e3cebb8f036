/**
 * One Hearth room server for bench/load.ts: the real CircleRoom, transport and limits, with
 * `--circles N` always-open circles of 12 ("load-0" … "load-N-1") so each group of bots gets a
 * circle of its own. Only the HTTP API and the store are left out: they are not on the pose path.
 * Run by bench/load.ts (pinned to one core), not by hand.
 *
 * With `--redis <url>` (bench:load --processes N): Redis presence and matchmaking driver as
 * server/scale.ts gives the real server, and this process holds only circles c with
 * c % processes === index, on the fixed `--port` its public address names.
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { matchMaker, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { type CircleInfo, memoryCatalog } from "../server/circles/catalog.ts";
import { circleRoomWith } from "../server/rooms/CircleRoom.ts";
import { setPoseFlushWindow } from "../server/rooms/pose-flush.ts";
import { loadConfig } from "../server/config.ts";
import { scaleOutFromConfig } from "../server/scale.ts";
import { MAX_MESSAGE_BYTES } from "../shared/limits.ts";
import { ROOM_NAME } from "../shared/protocol.ts";
import { serveLoopMetrics } from "./load-metrics.ts";

const { values } = parseArgs({
  options: {
    circles: { type: "string", default: "50" },
    capacity: { type: "string", default: "12" },
    port: { type: "string", default: "0" },
    redis: { type: "string" },
    index: { type: "string", default: "0" },
    processes: { type: "string", default: "1" },
  },
});
const port = Number(values.port);
const [index, processes] = [Number(values.index), Number(values.processes)];
const circles: CircleInfo[] = Array.from({ length: Number(values.circles) }, (_, i) => i).filter((i) => i % processes === index).map((i) => ({
  id: `load-${i}`,
  title: `Load circle ${i}`,
  description: "",
  capacity: Number(values.capacity),
  alwaysOpen: true,
}));

// The pose window the real server would use (POSE_FLUSH_MS, or its default).
setPoseFlushWindow(loadConfig({ POSE_FLUSH_MS: process.env.POSE_FLUSH_MS }).POSE_FLUSH_MS);
const httpServer = http.createServer();
const gameServer = new Server({
  transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES }),
  greet: false,
  gracefullyShutdown: false,
  // As the real server with REDIS_URL; the address is derived from HOST and PORT, as there.
  ...(values.redis ? scaleOutFromConfig({ REDIS_URL: values.redis, PUBLIC_ADDRESS: undefined, HOST: "127.0.0.1", PORT: port }) : {}),
  // A circle's room opens on the process its bots ask, which alone knows the circle. (Colyseus'
  // default would open it on the process with the fewest rooms, which might not know it.)
  ...(values.redis ? { selectProcessIdToCreateRoom: async () => matchMaker.processId } : {}),
});
gameServer.define(ROOM_NAME, circleRoomWith({ catalog: memoryCatalog(circles) })).filterBy(["circleId", "sessionId"]);
await gameServer.listen(port, "127.0.0.1");
const address = httpServer.address();
serveLoopMetrics(typeof address === "object" && address ? address.port : 0, {
  counts: () => ({ rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu }),
  // A shared Redis (REDIS_URL) must not keep this process's rooms for the next run to trip on.
  beforeExit: values.redis ? () => gameServer.gracefullyShutdown(false) : undefined,
});
