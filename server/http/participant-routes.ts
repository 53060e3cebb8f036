import type { Request } from "express";
import { Router } from "express";
import type { MyRegistrationsResponse, RegistrationResponse } from "../../shared/scheduling-api.ts";
import { participantKeySchema, registrationInputSchema } from "../../shared/scheduling-schemas.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { findCircle } from "../circles/circles-store.ts";
import {
  attendanceCounts,
  cancelRegistration,
  capacityOfOccurrence,
  findOwnRegistration,
  forgetParticipant,
  PseudonymTakenError,
  register,
  registrationsOf,
} from "../registrations/registrations-store.ts";
import { calendarFeedOf, createCalendarFeed, revokeCalendarFeed } from "../registrations/calendar-feeds.ts";
import { forgetPush, preferencesOf, subscriptionsOf } from "../push/subscriptions-store.ts";
import { bansOf, isBanned } from "../safety/bans.ts";
import { blocksMadeBy, forgetBlocks } from "../safety/blocks-store.ts";
import { sessionSummary } from "../scheduling/session-view.ts";
import { findSession } from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { sha256 } from "../store/ids.ts";
import { HttpError, param, validate } from "./http-errors.ts";
import { publicBase } from "./public-address.ts";
import { visibleSession } from "./public-routes.ts";

/** The participant key from the X-Participant-Key header (or the JSON body), validated; its hash. */
export function keyHashOf(req: Request): string {
  const body = (req.body ?? {}) as { participantKey?: unknown };
  const raw = req.get("x-participant-key") ?? body.participantKey;
  if (raw === undefined) {
    throw new HttpError(401, "A participant key is needed: send it in the X-Participant-Key header.", {
      participantKey: "A participant key is needed.",
    });
  }
  return sha256(validate(participantKeySchema.transform(String), raw));
}

/** Registration and everything a participant key may see or erase of its own. */
export function participantRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.post("/sessions/:id/registrations", async (req, res) => {
    const input = validate(registrationInputSchema, req.body);
    const keyHash = keyHashOf(req);
    const { session, circle } = await visibleSession(services, param(req, "id"), input.invite ?? req.query.invite);
    const now = clock.now();
    if (session.status === "cancelled") throw new HttpError(409, "This session was cancelled, so it takes no registrations.");
    if (now >= session.end) throw new HttpError(409, "This session has ended.");
    if (await isBanned(db, circle.id, keyHash)) throw new HttpError(403, "You cannot register for this circle.");
    let result;
    try {
      result = await db.transaction(async (tx) => {
        const registered = await register(tx, { session, capacity: circle.capacity, keyHash, pseudonym: input.pseudonym }, now);
        if (!registered.alreadyRegistered) {
          await recordAudit(tx, now, {
            actorId: null,
            actorKind: "participant",
            action: registered.registration.status === "registered" ? "registration.created" : "registration.waitlisted",
            target: registered.registration.id,
            circleId: circle.id,
            occurrenceId: session.id,
          });
        }
        return registered;
      });
    } catch (error) {
      if (error instanceof PseudonymTakenError) throw new HttpError(409, error.message, { pseudonym: error.message });
      throw error;
    }
    const invite = circle.visibility === "invite" ? `?invite=${encodeURIComponent(circle.inviteToken)}` : "";
    const body: RegistrationResponse = { ...result, joinPath: `/sessions/${session.id}${invite}` };
    res.status(result.alreadyRegistered ? 200 : 201).json(body);
  });

  addOwnDataRoutes(router, services);
  addCalendarFeedRoutes(router, services);
  return router;
}

/** What a participant key may see or erase of its own: registrations, an export, "forget me". */
function addOwnDataRoutes(router: Router, services: ScheduleServices): void {
  const { db, clock } = services;

  router.get("/me/registrations", async (req, res) => {
    const keyHash = keyHashOf(req);
    const registrations = await registrationsOf(db, keyHash);
    const counts = await attendanceCounts(db, registrations.map((r) => r.sessionId));
    const body: MyRegistrationsResponse = { registrations: [] };
    for (const r of registrations) {
      const session = await findSession(db, r.sessionId);
      const circle = session && (await findCircle(db, session.circleId));
      body.registrations.push({ ...r, session: session && circle ? sessionSummary(session, circle, counts.get(session.id)) : null });
    }
    res.json(body);
  });

  router.delete("/me/registrations/:id", async (req, res) => {
    const keyHash = keyHashOf(req);
    const id = param(req, "id");
    const now = clock.now();
    const result = await db.transaction(async (tx) => {
      const mine = await findOwnRegistration(tx, keyHash, id);
      if (!mine) return undefined;
      const cancelled = await cancelRegistration(tx, keyHash, id, await capacityOfOccurrence(tx, mine.sessionId));
      await recordAudit(tx, now, { actorId: null, actorKind: "participant", action: "registration.cancelled", target: id, occurrenceId: mine.sessionId });
      for (const promoted of cancelled?.promoted ?? []) {
        await recordAudit(tx, now, { actorId: null, actorKind: "system", action: "registration.promoted", target: promoted, occurrenceId: mine.sessionId });
      }
      return cancelled;
    });
    if (!result) throw new HttpError(404, "You have no registration with this id.");
    res.json({ registration: result.cancelled, promoted: result.promoted.length });
  });

  router.get("/me/export", async (req, res) => {
    const keyHash = keyHashOf(req);
    const registrations = await registrationsOf(db, keyHash);
    res.setHeader("Content-Disposition", 'attachment; filename="hearth-my-data.json"');
    res.json({
      exportedAt: clock.now().toISOString(),
      about: "Everything Hearth stores about this participant key. The key itself is never stored, only its SHA-256 hash.",
      participantKeyHash: keyHash,
      registrations,
      bans: await bansOf(db, keyHash),
      // People this key blocked (their key's hash): who blocked this key is theirs, not exported.
      blocks: await blocksMadeBy(db, keyHash),
      // A personal calendar feed exists or not; its token is stored hashed, so it cannot be shown.
      calendarFeed: await calendarFeedOf(db, keyHash).then((f) => (f ? { createdAt: f.createdAt.toISOString() } : null)),
      // That notification subscriptions exist (push service host, dates): not their endpoints or keys.
      pushSubscriptions: await subscriptionsOf(db, keyHash),
      notificationPreferences: await preferencesOf(db, keyHash),
    });
  });

  /** "Forget me": deletes every registration, ban, block and notification subscription tied to the key. */
  router.delete("/me", async (req, res) => {
    const keyHash = keyHashOf(req);
    const deleted = await db.transaction(async (tx) => ({
      ...(await forgetParticipant(tx, keyHash)),
      blocks: await forgetBlocks(tx, keyHash),
      calendarFeeds: (await revokeCalendarFeed(tx, keyHash)) ? 1 : 0,
      pushSubscriptions: (await forgetPush(tx, keyHash)).subscriptions,
    }));
    await recordAudit(db, clock.now(), { actorId: null, actorKind: "participant", action: "participant.forgotten" });
    res.json({ deleted });
  });
}

/** The personal calendar feed of a participant key. */
function addCalendarFeedRoutes(router: Router, services: ScheduleServices): void {
  const { db, clock } = services;
  /** The personal calendar feed: whether there is one (its URL is shown once, when made). */
  router.get("/me/calendar-feed", async (req, res) => {
    const feed = await calendarFeedOf(db, keyHashOf(req));
    res.json({ feed: feed ? { createdAt: feed.createdAt.toISOString() } : null });
  });

  /** Makes a new private feed URL of the key's registrations; an earlier one stops working. */
  router.post("/me/calendar-feed", async (req, res) => {
    const keyHash = keyHashOf(req);
    const base = await publicBase(services);
    const now = clock.now();
    const token = await db.transaction((tx) => createCalendarFeed(tx, keyHash, now));
    const url = `${base}/api/calendars/mine/${token}.ics`;
    res.status(201).json({ url, webcalUrl: url.replace(/^https?:/, "webcal:"), createdAt: now.toISOString() });
  });

  router.delete("/me/calendar-feed", async (req, res) => {
    if (!(await revokeCalendarFeed(db, keyHashOf(req)))) throw new HttpError(404, "You have no calendar feed to revoke.");
    res.status(204).end();
  });
}
