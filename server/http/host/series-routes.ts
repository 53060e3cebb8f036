import { Router } from "express";
import { z } from "zod";
import type { HostSession } from "../../../shared/scheduling-api.ts";
import { seriesInputSchema } from "../../../shared/scheduling-schemas.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { attendanceCounts } from "../../registrations/registrations-store.ts";
import { seriesFieldsFrom } from "../../scheduling/series-input.ts";
import { createSeries, deleteSeries, updateSeries } from "../../scheduling/series-store.ts";
import { sessionSummary } from "../../scheduling/session-view.ts";
import {
  seriesHasUpcomingRegistrations,
  sessionsOfCircles,
  sessionsOfSeries,
} from "../../scheduling/sessions.ts";
import type { ScheduleServices } from "../../services.ts";
import { HttpError, validate } from "../http-errors.ts";
import { DAY_MS, ownCircle, ownSeries, seriesView } from "./ownership.ts";

const sessionsQuerySchema = z.strictObject({
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
    const now = clock.now();
    const fields = seriesFieldsFrom(input, now);
    if (!fields.ok) throw new HttpError(400, "Please check the highlighted fields.", fields.fields);
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
    const now = clock.now();
    const fields = seriesFieldsFrom(input, now, series.startDate);
    if (!fields.ok) throw new HttpError(400, "Please check the highlighted fields.", fields.fields);
    const f = fields.fields;
    const timingChanged = f.rrule !== series.rrule || f.timeZone !== series.timeZone || f.startDate !== series.startDate || f.startTime !== series.startTime;
    if (timingChanged && (await seriesHasUpcomingRegistrations(db, series.id, now))) {
      throw new HttpError(
        409,
        "People have registered for coming sessions of this schedule, so its dates and times cannot change here. Change a session and the following ones instead (POST /api/host/sessions/:id/split, \"This and following…\" in the sessions list), or move or cancel single sessions.",
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

  return router;
}
