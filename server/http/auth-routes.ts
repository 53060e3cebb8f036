import { Router } from "express";
import { newAccountSchema, signInSchema } from "../../shared/scheduling-schemas.ts";
import { type Account, countHosts, createAccount, EmailTakenError, findAccountByEmail } from "../accounts/accounts-store.ts";
import { endAuthSession, startAuthSession } from "../accounts/auth-sessions.ts";
import { findInvitation, markInvitationUsed } from "../accounts/invitations.ts";
import { verifyAgainstNothing, verifyPassword } from "../accounts/passwords.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { findCircle } from "../circles/circles-store.ts";
import type { ScheduleServices } from "../services.ts";
import { clearSessionCookie, requireAccount, setSessionCookie, signedInOf } from "./auth-middleware.ts";
import { HttpError, param, validate } from "./http-errors.ts";
import { rememberSetupAddress } from "./public-address.ts";

const publicAccount = (a: Account) => ({ id: a.id, email: a.email, displayName: a.displayName, role: a.role });

/** Sign-in, sign-out, first-run setup and facilitator invitations. */
export function authRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/auth/me", (_req, res) => {
    const signedIn = signedInOf(res);
    res.json(signedIn ? { account: publicAccount(signedIn.account), csrfToken: signedIn.csrfToken } : { account: null, csrfToken: null });
  });

  router.post("/auth/sign-in", async (req, res) => {
    const input = validate(signInSchema, req.body);
    const wait = services.signInLimiter.attempt(req.ip ?? "unknown", input.email);
    if (wait > 0) {
      throw new HttpError(429, `Too many sign-in attempts. Please wait ${wait} seconds and try again.`, undefined, { "Retry-After": String(wait) });
    }
    const account = await findAccountByEmail(db, input.email);
    const ok = account ? await verifyPassword(account.passwordHash, input.password) : await verifyAgainstNothing(input.password);
    if (!account || !ok) throw new HttpError(401, "That email and password do not match an account.");
    const session = await startAuthSession(db, account.id, clock.now());
    setSessionCookie(req, res, session.token);
    await recordAudit(db, clock.now(), { actorId: account.id, actorKind: account.role, action: "account.sign_in" });
    res.json({ account: publicAccount(account), csrfToken: session.csrfToken });
  });

  router.post("/auth/sign-out", async (req, res) => {
    requireAccount(req, res);
    await endAuthSession(db, signedInOf(res)!.tokenHash);
    clearSessionCookie(res);
    res.status(204).end();
  });

  router.get("/setup", async (_req, res) => {
    res.json({ needed: (await countHosts(db)) === 0 });
  });

  /** First run: creates the first host, only while there is none. */
  router.post("/setup", async (req, res) => {
    const input = validate(newAccountSchema, req.body);
    const now = clock.now();
    const account = await db.transaction(async (tx) => {
      // Two setups at once: the second waits here and then sees the first host.
      await tx.query("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE");
      if ((await countHosts(tx)) > 0) throw new HttpError(409, "Hearth already has a host. Please sign in instead.");
      const created = await createAccount(tx, { ...input, role: "host" }, now);
      await rememberSetupAddress(tx, services, req, now);
      await recordAudit(tx, now, { actorId: created.id, actorKind: "host", action: "account.setup_first_host", target: created.id });
      return created;
    });
    const session = await startAuthSession(db, account.id, now);
    setSessionCookie(req, res, session.token);
    res.status(201).json({ account: publicAccount(account), csrfToken: session.csrfToken });
  });

  addInvitationRoutes(router, services);
  return router;
}

/** A facilitator's invitation: what it is for, and accepting it by creating their account. */
function addInvitationRoutes(router: Router, services: ScheduleServices): void {
  const { db, clock } = services;
  router.get("/invitations/:token", async (req, res) => {
    const found = await findInvitation(db, param(req, "token"), clock.now());
    if (!found.ok) throw invitationProblem(found.reason);
    const circle = found.invitation.circleId ? await findCircle(db, found.invitation.circleId) : undefined;
    res.json({ hostName: found.invitation.hostName, circleTitle: circle?.title ?? null, expiresAt: found.invitation.expiresAt.toISOString() });
  });

  /** A facilitator accepts an invitation by creating their account (single use). */
  router.post("/invitations/:token/accept", async (req, res) => {
    const input = validate(newAccountSchema, req.body);
    const token = param(req, "token");
    const now = clock.now();
    const account = await db.transaction(async (tx) => {
      const found = await findInvitation(tx, token, now, true);
      if (!found.ok) throw invitationProblem(found.reason);
      let created: Account;
      try {
        created = await createAccount(tx, { ...input, role: "facilitator", invitedBy: found.invitation.hostId }, now);
      } catch (error) {
        if (error instanceof EmailTakenError) throw new HttpError(409, error.message, { email: error.message });
        throw error;
      }
      await markInvitationUsed(tx, token, created.id, now);
      const circleId = found.invitation.circleId;
      if (circleId && (await findCircle(tx, circleId))) {
        await tx.query("INSERT INTO circle_facilitators (circle_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [circleId, created.id]);
      }
      await recordAudit(tx, now, { actorId: created.id, actorKind: "facilitator", action: "facilitator.joined", target: created.id, circleId });
      return created;
    });
    const session = await startAuthSession(db, account.id, now);
    setSessionCookie(req, res, session.token);
    res.status(201).json({ account: publicAccount(account), csrfToken: session.csrfToken });
  });
}

function invitationProblem(reason: "unknown" | "used" | "expired"): HttpError {
  if (reason === "used") return new HttpError(409, "This invitation has already been used. Ask the host for a new one.");
  if (reason === "expired") return new HttpError(410, "This invitation has expired. Ask the host for a new one.");
  return new HttpError(404, "This invitation link is not valid.");
}
