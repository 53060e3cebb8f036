import { Encoder } from "@colyseus/schema";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { MAX_MESSAGE_BYTES } from "../shared/limits.ts";
import { ROOM_NAME } from "../shared/protocol.ts";
import type { CircleCatalog } from "./circles/catalog.ts";
import type { Config } from "./config.ts";
import { apiRouter } from "./http/api.ts";
import { matchmakeHandlers } from "./http/matchmake.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { abuseLimits, limitMatchmaking, trustProxyValue } from "./http/rate-limits.ts";
import { log } from "./log.ts";
import { type Push, startPush } from "./push/push-service.ts";
import { circleRoomWith } from "./rooms/CircleRoom.ts";
import { setPoseFlushWindow } from "./rooms/pose-flush.ts";
import { storeRecords } from "./safety/room-records.ts";
import { blockStore } from "./safety/blocks-store.ts";
import { crisisResourcesRouter, loadCrisisResources } from "./safety/crisis-resources.ts";
import { startRetention } from "./safety/retention.ts";
import { redisForCounts, scaleOutFromConfig, sweepDeadProcesses } from "./scale.ts";
import { openScheduling, type Scheduling } from "./scheduling-setup.ts";
import { voiceRouter } from "./voice/http.ts";
import { type LiveKitProcess, startLiveKit } from "./voice/livekit-process.ts";
import { type VoiceService, voiceServiceFromConfig } from "./voice/service.ts";

export interface HearthServer {
  gameServer: Server;
  catalog: CircleCatalog;
  /** Store, clock and admission of scheduled circles. */
  scheduling: Scheduling;
  port: number;
  /** Web Push reminders and notices; undefined with PUSH=off. */
  push?: Push;
  /** LiveKit voice; undefined with VOICE=off. */
  voice?: VoiceService;
  /** The livekit-server this process started (voice on, no LIVEKIT_URL). */
  livekit?: LiveKitProcess;
  close(): Promise<void>;
}

// A full circle's state (16 people, their flags, per-client views) can outgrow the 8 KB default
// encode buffer; past it Colyseus warns and clients can be handed inconsistent patches.
Encoder.BUFFER_SIZE = 64 * 1024;

function securityHeaderOptions(config: Config, voice: VoiceService | undefined) {
  const ownAddress = config.PUBLIC_ADDRESS?.split("/")[0];
  return {
    liveKitPublicUrl: voice?.publicUrl,
    publicUrl: config.PUBLIC_URL,
    trustProxy: Boolean(config.TRUST_PROXY),
    extraConnectSrc: [...(ownAddress ? [`wss://${ownAddress}`, `ws://${ownAddress}`] : []), ...config.CSP_CONNECT_SRC],
  };
}

/** How long a shutdown waits for open connections to take their close frames and end. */
const SOCKET_FLUSH_MS = 2000;

/** Resolves once `server` has closed (every connection ended) or after `capMs`, whichever is first. */
function serverClosed(server: http.Server, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cap = setTimeout(resolve, capMs);
    cap.unref();
    server.once("close", () => {
      clearTimeout(cap);
      resolve();
    });
  });
}

/** Builds and starts one Hearth process: web client, HTTP API and Colyseus on one port. */
export async function startHearth(config: Config): Promise<HearthServer> {
  // Before anything opens: a circle never starts with broken crisis information.
  const crisisResources = loadCrisisResources(config);
  const scheduling = await openScheduling(config);
  const { catalog } = scheduling;
  // Ended sessions keep counts only (server/safety/retention.ts).
  const stopRetention = startRetention(scheduling.db, scheduling.clock);
  const push = await startPush(config, scheduling.db, scheduling.clock);
  scheduling.services.push = push?.services;

  const voice = voiceServiceFromConfig(config);
  setPoseFlushWindow(config.POSE_FLUSH_MS);

  const redis = redisForCounts(config);
  scheduling.services.checkIns?.shareThrough(redis);
  const app = httpApp(config, { redis, voice, crisisResources, scheduling });

  const httpServer = http.createServer(app);
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES }),
    greet: false,
    gracefullyShutdown: false,
    // With REDIS_URL: shared presence and matchmaking, and where clients reach this process.
    ...scaleOutFromConfig(config),
  });
  limitMatchmaking(httpServer, app, matchmakeHandlers(catalog), { redis });
  gameServer.define(ROOM_NAME, circleRoomWith({
      catalog,
      voice,
      admission: scheduling.admission,
      records: storeRecords(scheduling.db, scheduling.clock),
      openCircleFacilitatorKey: config.FACILITATOR_KEY,
      sessionOverrunMs: config.SESSION_OVERRUN_MINUTES * 60_000,
      clock: scheduling.clock,
      blocks: blockStore(scheduling.db),
      checkIns: scheduling.services.checkIns,
    })).filterBy(["circleId", "sessionId"]);

  await gameServer.listen(config.PORT, config.HOST);
  const stopSweep = config.REDIS_URL ? sweepDeadProcesses(config.REDIS_SWEEP_SECONDS * 1000) : () => {};
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  log.info({ port }, "hearth listening");

  // Started once Hearth knows its port, so LiveKit's webhooks find it.
  let livekit: LiveKitProcess | undefined;
  if (voice && !config.LIVEKIT_URL) {
    try {
      livekit = await managedLiveKit(config, port);
    } catch (error) {
      stopRetention();
      await push?.stop();
      stopSweep();
      await gameServer.gracefullyShutdown(false);
      await scheduling.close();
      redis?.disconnect();
      throw error;
    }
  }

  return {
    gameServer,
    catalog,
    scheduling,
    port,
    voice,
    livekit,
    push,
    close: async () => {
      stopRetention();
      await push?.stop();
      stopSweep();
      // Rooms first: closing them also closes their voice rooms, which needs LiveKit still up.
      const connectionsEnded = serverClosed(httpServer, SOCKET_FLUSH_MS);
      await gameServer.gracefullyShutdown(false);
      // The clients' close frames ("restarting, come back") are only queued so far: let them go out.
      await connectionsEnded;
      await livekit?.stop();
      await scheduling.close();
      redis?.disconnect();
    },
  };
}

/** The web client and the HTTP API. */
function httpApp(
  config: Config,
  deps: { redis: ReturnType<typeof redisForCounts>; voice: VoiceService | undefined; crisisResources: ReturnType<typeof loadCrisisResources>; scheduling: Scheduling },
): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", trustProxyValue(config.TRUST_PROXY));
  app.use(securityHeaders(securityHeaderOptions(config, deps.voice)));
  app.use("/api", abuseLimits({ redis: deps.redis }));
  app.use("/api/voice", voiceRouter(deps.voice));
  app.use("/api", crisisResourcesRouter(deps.crisisResources));
  app.use("/api", apiRouter(deps.scheduling.catalog, deps.scheduling.services));
  const clientDir = path.resolve(config.CLIENT_DIR);
  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: "index.html", maxAge: "1h" }));
    app.get(/^\/(?!api\/|matchmake\/).*/, (_req, res) => res.sendFile(path.join(clientDir, "index.html")));
  } else {
    log.warn({ clientDir }, "client build not found; serving the API only");
  }
  return app;
}

/** The livekit-server this process runs itself (voice on, no LIVEKIT_URL), its webhooks pointed at `port`. */
function managedLiveKit(config: Config, port: number): Promise<LiveKitProcess> {
  return startLiveKit({
    port: config.LIVEKIT_PORT,
    rtcTcpPort: config.LIVEKIT_RTC_TCP_PORT,
    rtcUdpPort: config.LIVEKIT_RTC_UDP_PORT,
    apiKey: config.LIVEKIT_API_KEY,
    apiSecret: config.LIVEKIT_API_SECRET,
    webhookUrl: `http://${loopbackFor(config.HOST)}:${port}/api/voice/webhook`,
  });
}

/** How a process on this machine reaches Hearth listening on `host`. */
function loopbackFor(host: string): string {
  if (["0.0.0.0", "::", "localhost", ""].includes(host)) return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
