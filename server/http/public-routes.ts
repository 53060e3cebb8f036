import { Router } from "express";
import { Temporal } from "@js-temporal/polyfill";
import { z } from "zod";
import type { SessionResponse, SessionsResponse } from "../../shared/scheduling-api.ts";
import { languageSchema, timeZoneSchema, topicTagSchema } from "../../shared/scheduling-schemas.ts";
import { checkInPostSchema } from "../../shared/checkins.ts";
import { inTimeOfDay, timeOfDaySchema } from "../../shared/topics.ts";
import { CheckInTokenError } from "../checkins/check-in-tokens.ts";
import { type Circle, findCircle, publicCircles } from "../circles/circles-store.ts";
import { attendanceCounts } from "../registrations/registrations-store.ts";
import { publicCircle, sessionSummary } from "../scheduling/session-view.ts";
import { findSession, type Session, sessionsOfCircles } from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { HttpError, param, validate } from "./http-errors.ts";

const DAY_MS = 86_400_000;

const browseQuerySchema = z.object({
  /** A topic the circle carries, or the group it is for (`tag` is the same filter). */
  topic: topicTagSchema.optional(),
  tag: topicTagSchema.optional(),
  language: languageSchema.optional(),
  /** A date (YYYY-MM-DD) in the viewer's zone `tz`. */
  day: z.iso.date({ error: "Use YYYY-MM-DD." }).optional(),
  /** Sessions starting in this part of the day, in the viewer's zone `tz` (shared/topics.ts). */
  timeOfDay: timeOfDaySchema.optional(),
  tz: timeZoneSchema.optional(),
  days: z.coerce.number().int().min(1).max(90).default(30),
});

/** The local hour a session starts at, in the viewer's zone. */
const localHour = (start: Date, zone: string): number =>
  Temporal.Instant.fromEpochMilliseconds(start.getTime()).toZonedDateTimeISO(zone).hour;

/** The circle behind a session, if the viewer may see it: public, or invite-only with its token. */
export async function visibleSession(
  services: ScheduleServices,
  sessionId: string,
  invite: unknown,
): Promise<{ session: Session; circle: Circle }> {
  const session = await findSession(services.db, sessionId);
  const circle = session && (await findCircle(services.db, session.circleId));
  const hidden = !session || !circle || session.status === "skipped" || (circle.visibility === "invite" && invite !== circle.inviteToken);
  if (hidden) throw new HttpError(404, "There is no such session. If it belongs to an invite-only circle, open it with the invite link.");
  return { session, circle };
}

/** Browsing and session pages: no account, no key needed. */
export function publicRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/sessions", async (req, res) => {
    const query = validate(browseQuerySchema, req.query);
    const now = clock.now();
    let from = now;
    let to = new Date(now.getTime() + query.days * DAY_MS);
    if (query.day) {
      const zone = query.tz ?? "UTC";
      const dayStart = Temporal.PlainDate.from(query.day).toZonedDateTime({ timeZone: zone });
      from = new Date(Math.max(now.getTime(), dayStart.epochMilliseconds));
      to = new Date(dayStart.add({ days: 1 }).epochMilliseconds);
    }
    const tags = [query.topic, query.tag].filter((t): t is string => t !== undefined);
    const carries = (c: Circle, tag: string) => c.topicTags.includes(tag) || c.forGroup === tag;
    const circles = (await publicCircles(db)).filter(
      (c) => tags.every((tag) => carries(c, tag)) && (!query.language || c.language === query.language || c.language.startsWith(`${query.language}-`)),
    );
    const byId = new Map(circles.map((c) => [c.id, c]));
    const sessions = (await sessionsOfCircles(db, [...byId.keys()], { endsAfter: from, startsBefore: to }))
      // A day filter means sessions starting that day, not ones still running from the day before.
      .filter((s) => !query.day || s.start >= from)
      .filter((s) => !query.timeOfDay || inTimeOfDay(localHour(s.start, query.tz ?? "UTC"), query.timeOfDay))
      .slice(0, 200);
    const counts = await attendanceCounts(db, sessions.map((s) => s.id));
    const body: SessionsResponse = {
      sessions: sessions.map((s) => sessionSummary(s, byId.get(s.circleId)!, counts.get(s.id))),
      serverNow: now.toISOString(),
    };
    res.json(body);
  });

  /** The after-session check-in, from the page shown once the circle closed: counted, never kept per person. */
  router.post("/checkins", async (req, res) => {
    const body = validate(checkInPostSchema, req.body);
    if (!services.checkIns) throw new HttpError(404, "Check-ins are not kept on this server.");
    let payload;
    try {
      payload = services.checkIns.tokens.verify(body.token);
    } catch (error) {
      if (error instanceof CheckInTokenError) throw new HttpError(400, error.message);
      throw error;
    }
    const counted = await services.checkIns.count(payload, { moment: body.moment, mood: body.mood, wantsCheckIn: false });
    if (!counted) throw new HttpError(409, `You have already checked in ${body.moment} this session.`);
    res.status(201).json({ counted: true });
  });

  router.get("/sessions/:id", async (req, res) => {
    const { session, circle } = await visibleSession(services, param(req, "id"), req.query.invite);
    const counts = await attendanceCounts(db, [session.id]);
    const invite = circle.visibility === "invite" ? `?invite=${encodeURIComponent(circle.inviteToken)}` : "";
    const body: SessionResponse = {
      session: sessionSummary(session, circle, counts.get(session.id)),
      serverNow: clock.now().toISOString(),
      calendar: {
        session: `/api/sessions/${session.id}/calendar.ics${invite}`,
        circle: `/api/circles/${circle.id}/calendar.ics${invite}`,
      },
    };
    res.json(body);
  });

  /** A circle's page: public, or reached by its invite link. Lists its coming sessions. */
  router.get("/circles/:id", async (req, res) => {
    const circle = await findCircle(db, param(req, "id"));
    if (!circle || (circle.visibility === "invite" && req.query.invite !== circle.inviteToken)) {
      throw new HttpError(404, "There is no such circle. If it is invite-only, open it with its invite link.");
    }
    const now = clock.now();
    const sessions = (await sessionsOfCircles(db, [circle.id], { endsAfter: now, startsBefore: new Date(now.getTime() + 90 * DAY_MS) })).slice(0, 50);
    const counts = await attendanceCounts(db, sessions.map((s) => s.id));
    const body: SessionsResponse & { circle: ReturnType<typeof publicCircle> } = {
      circle: publicCircle(circle),
      sessions: sessions.map((s) => sessionSummary(s, circle, counts.get(s.id))),
      serverNow: now.toISOString(),
    };
    res.json(body);
  });

  return router;
}
