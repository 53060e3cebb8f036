import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { MAX_MESSAGE_BYTES } from "../shared/limits.ts";
import { ROOM_NAME } from "../shared/protocol.ts";
import { type CircleCatalog, memoryCatalog, openCircle } from "./circles/catalog.ts";
import type { Config } from "./config.ts";
import { apiRouter } from "./http/api.ts";
import { log } from "./log.ts";
import { circleRoomWith } from "./rooms/CircleRoom.ts";

export interface HearthServer {
  gameServer: Server;
  catalog: CircleCatalog;
  port: number;
  close(): Promise<void>;
}

/** Builds and starts one Hearth process: web client, HTTP API and Colyseus on one port. */
export async function startHearth(config: Config): Promise<HearthServer> {
  const catalog = memoryCatalog([openCircle(config.OPEN_CIRCLE_TITLE, config.OPEN_CIRCLE_CAPACITY)]);

  const app = express();
  app.disable("x-powered-by");
  app.use("/api", apiRouter(catalog));
  const clientDir = path.resolve(config.CLIENT_DIR);
  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: "index.html", maxAge: "1h" }));
    app.get(/^\/(?!api\/|matchmake\/).*/, (_req, res) => res.sendFile(path.join(clientDir, "index.html")));
  } else {
    log.warn({ clientDir }, "client build not found; serving the API only");
  }

  const httpServer = http.createServer(app);
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES }),
    greet: false,
    gracefullyShutdown: false,
  });
  gameServer.define(ROOM_NAME, circleRoomWith({ catalog })).filterBy(["circleId"]);

  await gameServer.listen(config.PORT, config.HOST);
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  log.info({ port }, "hearth listening");

  return {
    gameServer,
    catalog,
    port,
    close: () => gameServer.gracefullyShutdown(false),
  };
}
