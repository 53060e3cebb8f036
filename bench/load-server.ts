/**
 * One Hearth room server for bench/load.ts: the real CircleRoom, transport and limits, with
 * `--circles N` always-open circles of 12 ("load-0" … "load-N-1") so each group of bots gets a
 * circle of its own. Only the HTTP API and the store are left out: they are not on the pose path.
 * Run by bench/load.ts (pinned to one core), not by hand.
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { type CircleInfo, memoryCatalog } from "../server/circles/catalog.ts";
import { circleRoomWith } from "../server/rooms/CircleRoom.ts";
import { MAX_MESSAGE_BYTES } from "../shared/limits.ts";
import { ROOM_NAME } from "../shared/protocol.ts";
import { serveLoopMetrics } from "./load-metrics.ts";

const { values } = parseArgs({ options: { circles: { type: "string", default: "50" }, capacity: { type: "string", default: "12" }, port: { type: "string", default: "0" } } });
const circles: CircleInfo[] = Array.from({ length: Number(values.circles) }, (_, i) => ({
  id: `load-${i}`,
  title: `Load circle ${i}`,
  description: "",
  capacity: Number(values.capacity),
  alwaysOpen: true,
}));

const httpServer = http.createServer();
const gameServer = new Server({
  transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES }),
  greet: false,
  gracefullyShutdown: false,
});
gameServer.define(ROOM_NAME, circleRoomWith({ catalog: memoryCatalog(circles) })).filterBy(["circleId", "sessionId"]);
await gameServer.listen(Number(values.port), "127.0.0.1");
const address = httpServer.address();
serveLoopMetrics(typeof address === "object" && address ? address.port : 0);
