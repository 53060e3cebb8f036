import type { Request, Response } from "express";
import { Router } from "express";
import type { z } from "zod";
import { seriesInputSchema, sessionChangeSchema } from "../../../shared/scheduling-schemas.ts";
import type { Account } from "../../accounts/accounts-store.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { type Circle, findCircle } from "../../circles/circles-store.ts";
import { queueRegistrationNotices, queueSessionNotices, sessionNoticeKindOf } from "../../push/notices-store.ts";
import { attendanceCounts } from "../../registrations/registrations-store.ts";
import { applySessionChange } from "../../scheduling/session-changes.ts";
import { sessionSummary } from "../../scheduling/session-view.ts";
import { seriesFieldsFrom } from "../../scheduling/series-input.ts";
import { SplitRefused, splitSeriesAt } from "../../scheduling/series-split.ts";
import { findSeries } from "../../scheduling/series-store.ts";
import { findSession, MOVE_WINDOW_DAYS, type Session, type SessionChange } from "../../scheduling/sessions.ts";
import type { ScheduleServices } from "../../services.ts";
import { hostsOnly, requireHost } from "../auth-middleware.ts";
import { HttpError, param, validate } from "../http-errors.ts";
import { DAY_MS, seriesView } from "./ownership.ts";

/** The change asked for, with a move checked against its window: a 400 naming the field otherwise. */
function checkedChange(change: z.output<typeof sessionChangeSchema>, session: Session, now: Date): SessionChange {
  if (change.action !== "move") return change;
  const start = new Date(change.start);
  if (Math.abs(start.getTime() - session.originalStart.getTime()) > MOVE_WINDOW_DAYS * DAY_MS) {
    throw new HttpError(400, "Please check the highlighted fields.", { start: `A session can move at most ${MOVE_WINDOW_DAYS} days from its planned date.` });
  }
  if (start <= now) throw new HttpError(400, "Please check the highlighted fields.", { start: "Choose a time in the future." });
  return { action: "move", start };
}

/** A host's changes to single sessions, and "this and following sessions" of a series. */
export function hostSessionRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();
  router.use(hostsOnly);

  async function ownSession(req: Request, res: Response): Promise<{ host: Account; session: Session; circle: Circle }> {
    const host = requireHost(req, res);
    const session = await findSession(db, param(req, "id"));
    const circle = session && (await findCircle(db, session.circleId));
    if (!session || !circle) throw new HttpError(404, "There is no session with this id.");
    if (circle.ownerId !== host.id) throw new HttpError(403, "This session belongs to another host's circle.");
    return { host, session, circle };
  }

  /** Skip, cancel, restore or move one session, or set its own capacity. */
  router.patch("/sessions/:id", async (req, res) => {
    const change = validate(sessionChangeSchema, req.body);
    const { host, session, circle } = await ownSession(req, res);
    const now = clock.now();
    const parsed = checkedChange(change, session, now);
    await db.transaction(async (tx) => {
      const result = await applySessionChange(tx, session, circle, parsed, now);
      const notice = parsed.action === "capacity" ? undefined : sessionNoticeKindOf(session, parsed.action);
      if (notice) await queueSessionNotices(tx, session.id, notice);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: `session.${change.action}`, target: session.id, circleId: circle.id, occurrenceId: session.id });
      for (const promoted of result.promoted) {
        await recordAudit(tx, now, { actorId: null, actorKind: "system", action: "registration.promoted", target: promoted, occurrenceId: session.id });
      }
      return result;
    });
    const updated = (await findSession(db, session.id))!;
    const counts = await attendanceCounts(db, [session.id]);
    res.json({ session: sessionSummary(updated, circle, counts.get(session.id)) });
  });

  /**
   * "This and following sessions": the body is the new schedule (as for a new series). The old
   * series ends before this session; registrations from here on move to the new series.
   */
  router.post("/sessions/:id/split", async (req, res) => {
    const input = validate(seriesInputSchema, req.body);
    const { host, session, circle } = await ownSession(req, res);
    if (!session.recurring) throw new HttpError(400, "This is a one-off session: move it instead.");
    const now = clock.now();
    if (session.end <= now) throw new HttpError(400, "This session is over: choose a coming one to change it and the following ones.");
    const fields = seriesFieldsFrom(input, now);
    if (!fields.ok) throw new HttpError(400, "Please check the highlighted fields.", fields.fields);
    const series = (await findSeries(db, session.seriesId))!;
    let result;
    try {
      result = await db.transaction(async (tx) => {
        const split = await splitSeriesAt(tx, series, session, fields.fields, now);
        const stamp = `split:${split.after.id}`;
        await queueRegistrationNotices(tx, split.affected.filter((a) => a.toSessionId).map((a) => a.registrationId), "moved", stamp);
        await queueRegistrationNotices(tx, split.affected.filter((a) => !a.toSessionId).map((a) => a.registrationId), "cancelled", stamp);
        await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "series.split", target: split.after.id, circleId: circle.id, occurrenceId: session.id });
        return split;
      });
    } catch (error) {
      if (error instanceof SplitRefused) throw new HttpError(400, error.message);
      throw error;
    }
    res.status(201).json({
      before: result.before && seriesView(result.before),
      after: seriesView(result.after),
      moved: result.affected.filter((a) => a.toSessionId).length,
      cancelled: result.affected.filter((a) => !a.toSessionId).length,
    });
  });

  return router;
}
