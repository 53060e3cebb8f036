import { hostname } from "node:os";
import { type MatchMakerDriver, matchMaker, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import type { Config } from "./config.ts";
import { log } from "./log.ts";

/** A Redis connection of its own for shared counts (HTTP rate limits); undefined without REDIS_URL. */
export function redisForCounts(config: Pick<Config, "REDIS_URL">): Redis | undefined {
  if (!config.REDIS_URL) return undefined;
  // Fail fast while Redis is away: the limiters then let requests through rather than hang.
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on("error", (error: Error) => log.warn({ err: error.message }, "redis (rate limits) unavailable"));
  return redis;
}

/** The Colyseus Server options that make several processes share rooms; none for one process. */
export interface ScaleOut {
  presence?: Presence;
  driver?: MatchMakerDriver;
  publicAddress?: string;
}

/**
 * With REDIS_URL: Redis presence and matchmaking driver, and this process's public address, so
 * a client that asks any process for a circle is sent to the process that holds it.
 */
export function scaleOutFromConfig(config: Pick<Config, "REDIS_URL" | "PUBLIC_ADDRESS" | "HOST" | "PORT">): ScaleOut {
  if (!config.REDIS_URL) return {};
  const publicAddress = config.PUBLIC_ADDRESS ?? derivedAddress(config.HOST, config.PORT);
  const redis = redactedUrl(config.REDIS_URL);
  log.info({ redis, publicAddress, derived: !config.PUBLIC_ADDRESS }, "scale-out through Redis");
  return {
    presence: new RedisPresence(config.REDIS_URL),
    driver: new RedisDriver(config.REDIS_URL),
    publicAddress,
  };
}

function derivedAddress(host: string, port: number): string {
  if (port === 0) {
    throw new Error("Invalid configuration:\n  PUBLIC_ADDRESS: needed with REDIS_URL when PORT is 0 (other processes must know where to send clients).");
  }
  const wildcard = ["0.0.0.0", "::", ""].includes(host);
  const name = wildcard ? hostname() : host;
  return `${name.includes(":") ? `[${name}]` : name}:${port}`;
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * A process that crashed leaves its rooms listed in Redis: circles would show people who are gone
 * until someone tried to join. Colyseus checks for silent processes when a process starts and
 * when a join times out; this also checks every `intervalMs`. Only processes without a live
 * Redis subscription are pinged, so the sweep costs one Redis query while all is well.
 */
export function sweepDeadProcesses(intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || matchMaker.state !== matchMaker.MatchMakerState.READY) return;
    running = true;
    matchMaker
      .healthCheckAllProcesses()
      .catch((error: unknown) => log.warn({ err: String(error) }, "could not check for crashed processes"))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
