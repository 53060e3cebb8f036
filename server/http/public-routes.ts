import { Router } from "express";
import { Temporal } from "@js-temporal/polyfill";
import { z } from "zod";
import type { SessionResponse, SessionsResponse } from "../../shared/scheduling-api.ts";
import { languageSchema, timeZoneSchema, topicTagSchema } from "../../shared/scheduling-schemas.ts";
import { type Circle, findCircle, publicCircles } from "../circles/circles-store.ts";
import { attendanceCounts } from "../registrations/registrations-store.ts";
import { publicCircle, sessionSummary } from "../scheduling/session-view.ts";
import { findSession, type Session, sessionsOfCircles } from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { HttpError, param, validate } from "./http-errors.ts";

const DAY_MS = 86_400_000;

const browseQuerySchema = z.object({
  topic: topicTagSchema.optional(),
  language: languageSchema.optional(),
  /** A date (YYYY-MM-DD) in the viewer's zone `tz`. */
  day: z.iso.date({ error: "Use YYYY-MM-DD." }).optional(),
  tz: timeZoneSchema.optional(),
  days: z.coerce.number().int().min(1).max(90).default(30),
});

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
    const circles = (await publicCircles(db)).filter(
      (c) => (!query.topic || c.topicTags.includes(query.topic)) && (!query.language || c.language === query.language),
    );
    const byId = new Map(circles.map((c) => [c.id, c]));
    const sessions = (await sessionsOfCircles(db, [...byId.keys()], { endsAfter: from, startsBefore: to }))
      // A day filter means sessions starting that day, not ones still running from the day before.
      .filter((s) => !query.day || s.start >= from)
      .slice(0, 200);
    const counts = await attendanceCounts(db, sessions.map((s) => s.id));
    const body: SessionsResponse = {
      sessions: sessions.map((s) => sessionSummary(s, byId.get(s.circleId)!, counts.get(s.id))),
      serverNow: now.toISOString(),
    };
    res.json(body);
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
