import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Account } from "../accounts/accounts-store.ts";
import { findAuthSession, SESSION_COOKIE, SESSION_DAYS, type SignedIn, sessionTokenFromCookie } from "../accounts/auth-sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { HttpError } from "./http-errors.ts";
import { isOwnOrigin } from "./same-origin.ts";

/**
 * CSRF protection, two layers:
 * 1. Every state-changing /api request whose Origin (or Referer) names another site is refused.
 * 2. A request that a session cookie authenticates must also carry `X-CSRF-Token`, the token the
 *    server gave with that session (sign-in, setup, /api/auth/me): the synchronizer-token pattern.
 *    A cross-site page cannot read it, and cannot add the header without a CORS preflight that
 *    Hearth never grants. Participant requests carry their key in a header, not a cookie.
 */
export const CSRF_HEADER = "x-csrf-token";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function originGuard(publicUrl?: string): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const source = req.headers.origin ?? req.headers.referer;
    // No Origin and no Referer: not a browser's cross-site request (those always carry Origin).
    if (source === undefined) return next();
    // Scheme, host and port; behind TRUST_PROXY express reads them from X-Forwarded-Proto/-Host.
    if (isOwnOrigin(source, `${req.protocol}://${req.host}`, publicUrl)) return next();
    next(new HttpError(403, "This request came from another site and was refused."));
  };
}

/** Reads the session cookie, if any, into `res.locals.signedIn`. */
export function attachAccount(services: ScheduleServices): RequestHandler {
  return async (req, res, next) => {
    const token = sessionTokenFromCookie(req.headers.cookie);
    if (token) res.locals.signedIn = await findAuthSession(services.db, token, services.clock.now());
    next();
  };
}

export function signedInOf(res: Response): SignedIn | undefined {
  return res.locals.signedIn as SignedIn | undefined;
}

/** The signed-in account; 401 without one, 403 without the CSRF token on a state-changing request. */
export function requireAccount(req: Request, res: Response): Account {
  const signedIn = signedInOf(res);
  if (!signedIn) throw new HttpError(401, "Please sign in.");
  if (UNSAFE.has(req.method) && req.get(CSRF_HEADER) !== signedIn.csrfToken) {
    throw new HttpError(403, "This request is missing its CSRF token. Please reload the page and try again.");
  }
  return signedIn.account;
}

export function requireHost(req: Request, res: Response): Account {
  const account = requireAccount(req, res);
  if (account.role !== "host") throw new HttpError(403, "Only hosts can do this.");
  return account;
}

/** Middleware form, for a whole router. */
export const hostsOnly: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  requireHost(req, res);
  next();
};

export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    path: "/",
    maxAge: SESSION_DAYS * 86_400_000,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax" });
}
