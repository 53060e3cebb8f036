import type { Server as HttpServer } from "node:http";
import { type Express, type RequestHandler, Router } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import type { Redis } from "ioredis";
import { RedisStore } from "rate-limit-redis";

/** How many requests one address may make to a guarded endpoint in its window. */
export interface EndpointLimit {
  limit: number;
  windowMs: number;
}

/**
 * Per-address limits of the endpoints worth guessing at or flooding. They sit on top of the
 * sign-in limiter's per-address-and-email count (server/accounts/sign-in-limiter.ts), which stops
 * guessing one account; this one stops trying many accounts from one address. With Redis every
 * process counts together; without it each process counts on its own.
 */
export const HTTP_LIMITS = {
  signIn: { limit: 30, windowMs: 10 * 60_000 },
  /** First-run setup and accepting an invitation: each creates an account (argon2 hashing). */
  accountCreation: { limit: 10, windowMs: 60 * 60_000 },
  registration: { limit: 30, windowMs: 10 * 60_000 },
  /**
   * Joining a circle (and reconnecting, which colyseus.js also asks /matchmake for). Generous: a
   * whole circle may sit behind one office address, and a flaky network reconnects often.
   */
  matchmaking: { limit: 120, windowMs: 60_000 },
} satisfies Record<string, EndpointLimit>;

export interface LimitOptions {
  /** Shared counts across processes (REDIS_URL). */
  redis?: Redis;
}

function limiter(name: keyof typeof HTTP_LIMITS, what: string, { redis }: LimitOptions): RequestHandler {
  const { limit, windowMs } = HTTP_LIMITS[name];
  const store: Store | undefined = redis
    ? new RedisStore({ prefix: `hearth:rate:${name}:`, sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as never })
    : undefined;
  return rateLimit({
    windowMs,
    limit,
    store,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // A counting store that is down must not lock everyone out: let the request through.
    passOnStoreError: true,
    // Local tools and tests are not counted; nor, behind a proxy left without TRUST_PROXY, is
    // everyone at once (they would all share the proxy's address, and one count).
    skip: (req) => isLoopback(req.ip),
    handler: (_req, res, _next, options) => {
      const wait = Math.max(1, Math.ceil(Number(res.getHeader("Retry-After") ?? options.windowMs / 1000)));
      res.setHeader("Retry-After", String(wait));
      res.status(429).json({ error: `Too many ${what} from your address. Please wait ${wait} seconds and try again.` });
    },
  });
}

/** Mount at /api, before the API itself. */
export function abuseLimits(options: LimitOptions = {}): Router {
  const router = Router();
  router.post("/auth/sign-in", limiter("signIn", "sign-in attempts", options));
  const accounts = limiter("accountCreation", "new accounts", options);
  router.post("/setup", accounts);
  router.post("/invitations/:token/accept", accounts);
  router.post("/sessions/:id/registrations", limiter("registration", "registrations", options));
  return router;
}

/**
 * Colyseus answers /matchmake/* itself, ahead of express (it wraps the server's request
 * listeners), so the app's limits never saw a join. This puts the app back in front: a
 * /matchmake request passes the per-address limit first, then Hearth's own matchmake handlers
 * (body cap, join checks, per-address seat reservations: server/http/matchmake.ts), which hand
 * it to Colyseus' matchmaker. Call it once the Colyseus Server has been created on `httpServer`.
 */
export function limitMatchmaking(httpServer: HttpServer, app: Express, matchmake: RequestHandler[], options: LimitOptions = {}): void {
  httpServer.removeAllListeners("request");
  app.use("/matchmake", limiter("matchmaking", "attempts to join", options), ...matchmake);
  httpServer.on("request", app);
}

function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const address = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return address === "::1" || address.startsWith("127.");
}

/** Express's "trust proxy" value from TRUST_PROXY: a hop count, or names/addresses as given. */
export function trustProxyValue(setting: string): number | string {
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
