import type { Request, Response } from "express";
import { Router } from "express";
import { findCircle } from "../circles/circles-store.ts";
import { type IcsEvent, renderIcs } from "../scheduling/ics.ts";
import { sessionsOfCircles, type Session } from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { HttpError, param } from "./http-errors.ts";
import { visibleSession } from "./public-routes.ts";

const DAY_MS = 86_400_000;

/** ICS: one session to download, or a circle's schedule to subscribe to (past month to a year ahead). */
export function calendarRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/sessions/:id/calendar.ics", async (req, res) => {
    const { session, circle } = await visibleSession(services, param(req, "id"), req.query.invite);
    const base = baseUrl(services, req);
    sendIcs(res, `${circle.title}.ics`, "attachment", renderIcs({
      name: circle.title,
      stamp: clock.now(),
      events: [icsEvent(session, circle.title, circle.description, base, inviteQuery(circle, req))],
    }));
  });

  router.get("/circles/:id/calendar.ics", async (req, res) => {
    const circle = await findCircle(db, param(req, "id"));
    if (!circle || (circle.visibility === "invite" && req.query.invite !== circle.inviteToken)) {
      throw new HttpError(404, "There is no such circle. If it is invite-only, use its invite link.");
    }
    const now = clock.now();
    const sessions = await sessionsOfCircles(db, [circle.id], {
      endsAfter: new Date(now.getTime() - 30 * DAY_MS),
      startsBefore: new Date(now.getTime() + 365 * DAY_MS),
    });
    const base = baseUrl(services, req);
    sendIcs(res, `${circle.title}.ics`, "inline", renderIcs({
      name: circle.title,
      stamp: now,
      events: sessions.map((s) => icsEvent(s, circle.title, circle.description, base, inviteQuery(circle, req))),
    }));
  });

  return router;
}

function icsEvent(session: Session, title: string, description: string, base: string, query: string): IcsEvent {
  return {
    uid: `${session.id}@hearth`,
    start: session.start,
    end: session.end,
    summary: title,
    description,
    url: `${base}/sessions/${session.id}${query}`,
    cancelled: session.status === "cancelled",
    sequence: (session.moved ? 1 : 0) + (session.status === "cancelled" ? 2 : 0),
  };
}

function inviteQuery(circle: { visibility: string; inviteToken: string }, req: Request): string {
  return circle.visibility === "invite" && req.query.invite === circle.inviteToken ? `?invite=${encodeURIComponent(circle.inviteToken)}` : "";
}

export function baseUrl(services: ScheduleServices, req: Request): string {
  return services.publicUrl?.replace(/\/$/, "") ?? `${req.protocol}://${req.get("host")}`;
}

function sendIcs(res: Response, filename: string, disposition: "attachment" | "inline", body: string): void {
  const safe = filename.replace(/[^\w .-]/g, "_");
  res.setHeader("Content-Type", "text/calendar; charset=utf-8");
  res.setHeader("Content-Disposition", `${disposition}; filename="${safe}"`);
  res.send(body);
}
