import type { Response } from "express";
import { Router } from "express";
import { ALARM_DEFAULT_MINUTES, calendarQuerySchema } from "../../shared/scheduling-schemas.ts";
import { type Circle, findCircle } from "../circles/circles-store.ts";
import { keyHashOfFeed } from "../registrations/calendar-feeds.ts";
import { registrationsOf } from "../registrations/registrations-store.ts";
import { type CalendarLinks, type OwnRegistration, ownEvent, sessionEvent } from "../scheduling/calendar-events.ts";
import { type IcsEvent, renderIcs } from "../scheduling/ics.ts";
import { findSession, sessionsOfCircles } from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { contentDisposition } from "./content-disposition.ts";
import { HttpError, param, validate } from "./http-errors.ts";
import { publicBase } from "./public-address.ts";

const DAY_MS = 86_400_000;
/** Feeds show the past month and the coming year. */
const FEED_PAST_DAYS = 30;
const FEED_AHEAD_DAYS = 365;

/** The base URL and UID domain, from PUBLIC_URL or the address kept at setup (503 without one). */
export async function calendarLinks(services: ScheduleServices): Promise<CalendarLinks> {
  const base = await publicBase(services);
  return { base, domain: new URL(base).hostname };
}

/**
 * ICS: one session to download (a skipped or cancelled one still answers, as a cancelled event),
 * a circle's schedule to subscribe to, and a participant's own feed by its capability token.
 * `?alarms=60,10` (or `none`) chooses the reminders; the session download and the personal feed
 * default to 1 hour and 10 minutes, the circle's feed to none.
 */
export function calendarRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/sessions/:id/calendar.ics", async (req, res) => {
    const query = validate(calendarQuerySchema, req.query);
    const session = await findSession(db, param(req, "id"));
    const circle = session && (await findCircle(db, session.circleId));
    if (!session || !circle || (circle.visibility === "invite" && query.invite !== circle.inviteToken)) {
      throw new HttpError(404, "There is no such session. If it belongs to an invite-only circle, open it with the invite link.");
    }
    const links = await calendarLinks(services);
    const event = sessionEvent(session, circle, links, { withInvite: true, alarms: query.alarms ?? ALARM_DEFAULT_MINUTES });
    sendIcs(res, `${circle.title}.ics`, "attachment", renderIcs({ name: circle.title, stamp: clock.now(), events: [event] }));
  });

  router.get("/circles/:id/calendar.ics", async (req, res) => {
    const query = validate(calendarQuerySchema, req.query);
    const circle = await findCircle(db, param(req, "id"));
    if (!circle || (circle.visibility === "invite" && query.invite !== circle.inviteToken)) {
      throw new HttpError(404, "There is no such circle. If it is invite-only, use its invite link.");
    }
    const now = clock.now();
    const sessions = await sessionsOfCircles(db, [circle.id], {
      endsAfter: new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS),
      startsBefore: new Date(now.getTime() + FEED_AHEAD_DAYS * DAY_MS),
      includeSkipped: true,
    });
    const links = await calendarLinks(services);
    const options = { withInvite: true, alarms: query.alarms ?? [] };
    sendIcs(res, `${circle.title}.ics`, "inline", renderIcs({ name: circle.title, stamp: now, feed: true, events: sessions.map((s) => sessionEvent(s, circle, links, options)) }));
  });

  /** A participant's own registrations; the token is the only credential (a calendar app sends no key). */
  router.get("/calendars/mine/:file", async (req, res) => {
    const query = validate(calendarQuerySchema.omit({ invite: true }), req.query);
    const token = param(req, "file").replace(/\.ics$/, "");
    const keyHash = await keyHashOfFeed(db, token);
    if (!keyHash) throw new HttpError(404, "There is no such calendar feed. It may have been revoked: make a new one on your registrations page.");
    const now = clock.now();
    const events = await ownEvents(services, keyHash, await calendarLinks(services), query.alarms ?? ALARM_DEFAULT_MINUTES, now);
    res.setHeader("Cache-Control", "private, no-cache");
    sendIcs(res, "My Hearth sessions.ics", "inline", renderIcs({ name: "My Hearth sessions", stamp: now, feed: true, events }));
  });

  return router;
}

/** One event per session the key registered for (latest registration wins), from a month ago on. */
async function ownEvents(services: ScheduleServices, keyHash: string, links: CalendarLinks, alarms: readonly number[], now: Date): Promise<IcsEvent[]> {
  const bySession = new Map<string, OwnRegistration>();
  for (const r of await registrationsOf(services.db, keyHash)) {
    const seen = bySession.get(r.sessionId);
    // A live registration beats a cancelled one; among equals the later one (rows are in order).
    const status = seen && seen.status !== "cancelled" && r.status === "cancelled" ? seen.status : r.status;
    bySession.set(r.sessionId, { status, rows: (seen?.rows ?? 0) + 1 });
  }
  const circles = new Map<string, Circle | undefined>();
  const events: IcsEvent[] = [];
  for (const [sessionId, own] of bySession) {
    const session = await findSession(services.db, sessionId);
    if (!session || session.end.getTime() < now.getTime() - FEED_PAST_DAYS * DAY_MS) continue;
    if (!circles.has(session.circleId)) circles.set(session.circleId, await findCircle(services.db, session.circleId));
    const circle = circles.get(session.circleId);
    if (circle) events.push(ownEvent(session, circle, own, links, alarms));
  }
  return events.sort((a, b) => a.start.getTime() - b.start.getTime());
}

function sendIcs(res: Response, filename: string, disposition: "attachment" | "inline", body: string): void {
  res.setHeader("Content-Type", "text/calendar; charset=utf-8");
  res.setHeader("Content-Disposition", contentDisposition(disposition, filename));
  res.send(body);
}
