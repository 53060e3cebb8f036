import { Router } from "express";
import { rateLimit, type RateLimitRequestHandler } from "express-rate-limit";

/** How many requests one address may make to a guarded endpoint in its window. */
export interface EndpointLimit {
  limit: number;
  windowMs: number;
}

/**
 * Per-address limits of the endpoints worth guessing at or flooding. They sit on top of the
 * sign-in limiter's per-address-and-email count (server/accounts/sign-in-limiter.ts), which stops
 * guessing one account; this one stops trying many accounts from one address. Kept in memory, so
 * each process counts on its own: behind N processes an address gets at most N times the limit.
 */
export const HTTP_LIMITS = {
  signIn: { limit: 30, windowMs: 10 * 60_000 },
  /** First-run setup and accepting an invitation: each creates an account (argon2 hashing). */
  accountCreation: { limit: 10, windowMs: 60 * 60_000 },
  registration: { limit: 30, windowMs: 10 * 60_000 },
} satisfies Record<string, EndpointLimit>;

function limiter({ limit, windowMs }: EndpointLimit, what: string): RateLimitRequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      const wait = Math.max(1, Math.ceil(Number(res.getHeader("Retry-After") ?? options.windowMs / 1000)));
      res.setHeader("Retry-After", String(wait));
      res.status(429).json({ error: `Too many ${what} from your address. Please wait ${wait} seconds and try again.` });
    },
  });
}

/** Mount at /api, before the API itself. `limits` is for tests that want small numbers. */
export function abuseLimits(limits: Partial<typeof HTTP_LIMITS> = {}): Router {
  const chosen = { ...HTTP_LIMITS, ...limits };
  const router = Router();
  router.post("/auth/sign-in", limiter(chosen.signIn, "sign-in attempts"));
  const accounts = limiter(chosen.accountCreation, "new accounts");
  router.post("/setup", accounts);
  router.post("/invitations/:token/accept", accounts);
  router.post("/sessions/:id/registrations", limiter(chosen.registration, "registrations"));
  return router;
}

/** Express's "trust proxy" value from TRUST_PROXY: a hop count, or names/addresses as given. */
export function trustProxyValue(setting: string): number | string {
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
