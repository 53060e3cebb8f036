/**
 * Loaded into the real server by bench:load --soak (`node --import tsx --import ./bench/load-probe.ts
 * server/main.ts`): the event-loop delay and room counts bench/load-server.ts reports, answered
 * over the same IPC channel, without a line of server/ code changed for the benchmark.
 */
import { matchMaker } from "@colyseus/core";
import { serveLoopMetrics } from "./load-metrics.ts";

// The port is the parent's to choose (PORT); it waits for /api/health, not for this "ready".
serveLoopMetrics(0, { counts: () => ({ rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu }) });
