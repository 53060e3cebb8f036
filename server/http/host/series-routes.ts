import { Router } from "express";
import { z } from "zod";
import type { HostSession } from "../../../shared/scheduling-api.ts";
import { sessionChangeSchema, seriesInputSchema } from "../../../shared/scheduling-schemas.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { findCircle } from "../../circles/circles-store.ts";
import { attendanceCounts } from "../../registrations/registrations-store.ts";
import { seriesFieldsFrom } from "../../scheduling/series-input.ts";
import { createSeries, deleteSeries, updateSeries } from "../../scheduling/series-store.ts";
import { sessionSummary } from "../../scheduling/session-view.ts";
import {
  changeSession,
  findSession,
  MOVE_WINDOW_DAYS,
  seriesHasUpcomingRegistrations,
  sessionsOfCircles,
  sessionsOfSeries,
} from "../../scheduling/sessions.ts";
import type { ScheduleServices } from "../../services.ts";
import { requireHost } from "../auth-middleware.ts";
import { HttpError, param, validate } from "../http-errors.ts";
import { DAY_MS, ownCircle, ownSeries, seriesView } from "./ownership.ts";

const sessionsQuerySchema = z.object({
  from: z.iso.datetime({ offset: true, error: "Use an ISO date and time." }).optional(),
  days: z.coerce.number().int().min(1).max(366).default(90),
});

/** A host's schedules (series of sessions): create, change, end. */
export function hostSeriesRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.post("/circles/:id/series", async (req, res) => {
    const { host, circle } = await ownCircle(db, req, res);
    const input = validate(seriesInputSchema, req.body);
    const fields = seriesFieldsFrom(input);
    if (!fields.ok) throw new HttpError(400, "Please check the highlighted fields.", fields.fields);
    const now = clock.now();
    const series = await db.transaction(async (tx) => {
      const created = await createSeries(tx, circle.id, fields.fields, now);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "series.created", target: created.id, circleId: circle.id });
      return created;
    });
    const next = await sessionsOfSeries(db, [series], { endsAfter: now, startsBefore: new Date(now.getTime() + 120 * DAY_MS) });
    res.status(201).json({ series: seriesView(series), upcoming: next.slice(0, 10).map((s) => sessionSummary(s, circle, undefined)) });
  });

  router.patch("/series/:id", async (req, res) => {
    const { host, series, circle } = await ownSeries(db, req, res);
    const input = validate(seriesInputSchema, req.body);
    const fields = seriesFieldsFrom(input);
    if (!fields.ok) throw new HttpError(400, "Please check the highlighted fields.", fields.fields);
    const now = clock.now();
    const f = fields.fields;
    const timingChanged = f.rrule !== series.rrule || f.timeZone !== series.timeZone || f.startDate !== series.startDate || f.startTime !== series.startTime;
    if (timingChanged && (await seriesHasUpcomingRegistrations(db, series.id, now))) {
      throw new HttpError(
        409,
        "People have registered for coming sessions of this schedule, so its dates and times cannot change. Move or cancel single sessions, or end this schedule and start a new one.",
      );
    }
    const updated = (await updateSeries(db, series.id, f))!;
    await recordAudit(db, now, { actorId: host.id, actorKind: "host", action: "series.updated", target: series.id, circleId: circle.id });
    res.json({ series: seriesView(updated) });
  });

  router.delete("/series/:id", async (req, res) => {
    const { host, series, circle } = await ownSeries(db, req, res);
    const now = clock.now();
    if (await seriesHasUpcomingRegistrations(db, series.id, now)) {
      throw new HttpError(409, "People have registered for coming sessions of this schedule. Cancel those sessions first, so they are told.");
    }
    await deleteSeries(db, series.id);
    await recordAudit(db, now, { actorId: host.id, actorKind: "host", action: "series.deleted", target: series.id, circleId: circle.id });
    res.status(204).end();
  });

  return router;
}

/** A host's single sessions: list with attendance, and skip, cancel, restore or move one. */
export function hostSessionsRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  /** Sessions with attendance counts, skipped ones included. */
  router.get("/circles/:id/sessions", async (req, res) => {
    const { circle } = await ownCircle(db, req, res);
    const query = validate(sessionsQuerySchema, req.query);
    const from = query.from ? new Date(query.from) : clock.now();
    const sessions = await sessionsOfCircles(db, [circle.id], {
      endsAfter: from,
      startsBefore: new Date(from.getTime() + query.days * DAY_MS),
      includeSkipped: true,
    });
    const counts = await attendanceCounts(db, sessions.map((s) => s.id));
    const body: HostSession[] = sessions.map((s) => ({
      ...sessionSummary(s, circle, counts.get(s.id)),
      seriesId: s.seriesId,
      originalStart: s.originalStart.toISOString(),
      counts: counts.get(s.id) ?? { registered: 0, waitlisted: 0, cancelled: 0 },
    }));
    res.json({ sessions: body });
  });

  /** Skip, cancel, restore or move one session. */
  router.patch("/sessions/:id", async (req, res) => {
    const host = requireHost(req, res);
    const change = validate(sessionChangeSchema, req.body);
    const session = await findSession(db, param(req, "id"));
    const circle = session && (await findCircle(db, session.circleId));
    if (!session || !circle) throw new HttpError(404, "There is no session with this id.");
    if (circle.ownerId !== host.id) throw new HttpError(403, "This session belongs to another host's circle.");
    const now = clock.now();
    let parsed: Parameters<typeof changeSession>[2];
    if (change.action === "move") {
      const start = new Date(change.start);
      if (Math.abs(start.getTime() - session.originalStart.getTime()) > MOVE_WINDOW_DAYS * DAY_MS) {
        throw new HttpError(400, "Please check the highlighted fields.", { start: `A session can move at most ${MOVE_WINDOW_DAYS} days from its planned date.` });
      }
      if (start <= now) throw new HttpError(400, "Please check the highlighted fields.", { start: "Choose a time in the future." });
      parsed = { action: "move", start };
    } else {
      parsed = change;
    }
    await db.transaction(async (tx) => {
      await changeSession(tx, session, parsed, now);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: `session.${change.action}`, target: session.id, circleId: circle.id, occurrenceId: session.id });
    });
    const updated = (await findSession(db, session.id))!;
    const counts = await attendanceCounts(db, [session.id]);
    res.json({ session: sessionSummary(updated, circle, counts.get(session.id)) });
  });

  return router;
}
