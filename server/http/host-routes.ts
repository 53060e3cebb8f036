import type { Request, Response } from "express";
import { Router } from "express";
import { z } from "zod";
import type { BanView, HostCircle, HostSession, SeriesView } from "../../shared/scheduling-api.ts";
import { circleInputSchema, circlePatchSchema, invitationInputSchema, sessionChangeSchema, seriesInputSchema } from "../../shared/scheduling-schemas.ts";
import { type Account, facilitatorsInvitedBy } from "../accounts/accounts-store.ts";
import { createInvitation } from "../accounts/invitations.ts";
import { auditForOwner, recordAudit } from "../audit/audit-log.ts";
import { bansInCircle, liftBan } from "../safety/bans.ts";
import {
  type Circle,
  circlesOwnedBy,
  createCircle,
  deleteCircle,
  findCircle,
  rotateInviteToken,
  updateCircle,
} from "../circles/circles-store.ts";
import { queueSessionNotices, sessionNoticeKindOf } from "../push/notices-store.ts";
import { attendanceCounts, fillFromWaitlist } from "../registrations/registrations-store.ts";
import { endDateOf, repeatOf, seriesFieldsFrom } from "../scheduling/series-input.ts";
import { createSeries, deleteSeries, findSeries, type Series, seriesOfCircles, updateSeries } from "../scheduling/series-store.ts";
import { publicCircle, sessionSummary } from "../scheduling/session-view.ts";
import {
  changeSession,
  findSession,
  MOVE_WINDOW_DAYS,
  seriesHasUpcomingRegistrations,
  sessionsOfCircles,
  sessionsOfSeries,
} from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import type { Queryable } from "../store/db.ts";
import { hostsOnly, requireHost } from "./auth-middleware.ts";
import { baseUrl } from "./calendar-routes.ts";
import { HttpError, param, validate } from "./http-errors.ts";

const DAY_MS = 86_400_000;

const hostCircle = (c: Circle): HostCircle => ({
  ...publicCircle(c),
  ownerId: c.ownerId,
  inviteToken: c.inviteToken,
  facilitatorIds: c.facilitatorIds,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const seriesView = (s: Series): SeriesView => ({
  id: s.id,
  circleId: s.circleId,
  repeat: repeatOf(s),
  rrule: s.rrule,
  timeZone: s.timeZone,
  startDate: s.startDate,
  startTime: s.startTime,
  endDate: endDateOf(s),
  durationMinutes: s.durationMinutes,
  lobbyOpenMinutes: s.lobbyOpenMinutes,
});

const sessionsQuerySchema = z.object({
  from: z.iso.datetime({ offset: true, error: "Use an ISO date and time." }).optional(),
  days: z.coerce.number().int().min(1).max(366).default(90),
});

/** Everything a host does to their own circles. Only the owning host may read or change a circle. */
export function hostRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();
  router.use(hostsOnly);

  /** The circle if the signed-in host owns it: 404 when it does not exist, 403 when it is another host's. */
  async function ownCircle(req: Request, res: Response, db_: Queryable = db): Promise<{ host: Account; circle: Circle }> {
    const host = requireHost(req, res);
    const circle = await findCircle(db_, param(req, "id"));
    if (!circle) throw new HttpError(404, "There is no circle with this id.");
    if (circle.ownerId !== host.id) throw new HttpError(403, "This circle belongs to another host; only its host can see or change it.");
    return { host, circle };
  }

  async function ownSeries(req: Request, res: Response): Promise<{ host: Account; series: Series; circle: Circle }> {
    const host = requireHost(req, res);
    const series = await findSeries(db, param(req, "id"));
    const circle = series && (await findCircle(db, series.circleId));
    if (!series || !circle) throw new HttpError(404, "There is no schedule with this id.");
    if (circle.ownerId !== host.id) throw new HttpError(403, "This schedule belongs to another host's circle.");
    return { host, series, circle };
  }

  async function checkFacilitators(host: Account, ids: string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const mine = new Set((await facilitatorsInvitedBy(db, host.id)).map((a) => a.id));
    const unknown = ids.filter((id) => !mine.has(id));
    if (unknown.length) throw new HttpError(400, "Please check the highlighted fields.", { facilitatorIds: "Choose facilitators you have invited." });
  }

  router.get("/circles", async (req, res) => {
    const host = requireHost(req, res);
    res.json({ circles: (await circlesOwnedBy(db, host.id)).map(hostCircle) });
  });

  router.post("/circles", async (req, res) => {
    const host = requireHost(req, res);
    const input = validate(circleInputSchema, req.body);
    await checkFacilitators(host, input.facilitatorIds);
    const now = clock.now();
    const circle = await db.transaction(async (tx) => {
      const created = await createCircle(tx, host.id, input, now);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "circle.created", target: created.id, circleId: created.id });
      return created;
    });
    res.status(201).json({ circle: hostCircle(circle) });
  });

  router.get("/circles/:id", async (req, res) => {
    const { circle } = await ownCircle(req, res);
    const series = await seriesOfCircles(db, [circle.id]);
    res.json({
      circle: hostCircle(circle),
      series: series.map(seriesView),
      inviteUrl: circle.visibility === "invite" ? `${baseUrl(services, req)}/circles/${circle.id}?invite=${encodeURIComponent(circle.inviteToken)}` : null,
    });
  });

  router.patch("/circles/:id", async (req, res) => {
    const { host, circle } = await ownCircle(req, res);
    const input = validate(circlePatchSchema, req.body);
    await checkFacilitators(host, input.facilitatorIds);
    const now = clock.now();
    const updated = await db.transaction(async (tx) => {
      const next = (await updateCircle(tx, circle.id, input, now))!;
      if (next.capacity > circle.capacity) {
        // More places: the waitlists of coming sessions move up.
        const coming = await sessionsOfCircles(tx, [circle.id], { endsAfter: now, startsBefore: new Date(now.getTime() + 366 * DAY_MS) });
        const rows = await tx.query<{ id: string }>("SELECT id FROM session_occurrences WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE", [coming.map((s) => s.id)]);
        for (const row of rows) await fillFromWaitlist(tx, row.id, next.capacity);
      }
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "circle.updated", target: circle.id, circleId: circle.id });
      return next;
    });
    res.json({ circle: hostCircle(updated) });
  });

  router.delete("/circles/:id", async (req, res) => {
    const { host, circle } = await ownCircle(req, res);
    await deleteCircle(db, circle.id);
    await recordAudit(db, clock.now(), { actorId: host.id, actorKind: "host", action: "circle.deleted", target: circle.id });
    res.status(204).end();
  });

  router.post("/circles/:id/invite-link", async (req, res) => {
    const { host, circle } = await ownCircle(req, res);
    await rotateInviteToken(db, circle.id, clock.now());
    await recordAudit(db, clock.now(), { actorId: host.id, actorKind: "host", action: "circle.invite_link_renewed", target: circle.id, circleId: circle.id });
    const updated = (await findCircle(db, circle.id))!;
    res.json({ circle: hostCircle(updated), inviteUrl: `${baseUrl(services, req)}/circles/${circle.id}?invite=${encodeURIComponent(updated.inviteToken)}` });
  });

  router.post("/circles/:id/series", async (req, res) => {
    const { host, circle } = await ownCircle(req, res);
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
    const { host, series, circle } = await ownSeries(req, res);
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
    const { host, series, circle } = await ownSeries(req, res);
    const now = clock.now();
    if (await seriesHasUpcomingRegistrations(db, series.id, now)) {
      throw new HttpError(409, "People have registered for coming sessions of this schedule. Cancel those sessions first, so they are told.");
    }
    await deleteSeries(db, series.id);
    await recordAudit(db, now, { actorId: host.id, actorKind: "host", action: "series.deleted", target: series.id, circleId: circle.id });
    res.status(204).end();
  });

  /** Sessions with attendance counts, skipped ones included. */
  router.get("/circles/:id/sessions", async (req, res) => {
    const { circle } = await ownCircle(req, res);
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
      const notice = sessionNoticeKindOf(session, parsed.action);
      if (notice) await queueSessionNotices(tx, session.id, notice);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: `session.${change.action}`, target: session.id, circleId: circle.id, occurrenceId: session.id });
    });
    const updated = (await findSession(db, session.id))!;
    const counts = await attendanceCounts(db, [session.id]);
    res.json({ session: sessionSummary(updated, circle, counts.get(session.id)) });
  });

  router.get("/circles/:id/bans", async (req, res) => {
    const { circle } = await ownCircle(req, res);
    const bans: BanView[] = (await bansInCircle(db, circle.id)).map((b) => ({ id: b.id, bannedAt: b.bannedAt.toISOString(), bannedBy: b.bannedBy }));
    res.json({ bans });
  });

  router.delete("/circles/:id/bans/:banId", async (req, res) => {
    const { host, circle } = await ownCircle(req, res);
    const ban = (await bansInCircle(db, circle.id)).find((b) => b.id === param(req, "banId"));
    if (!ban) throw new HttpError(404, "There is no such ban in this circle (it may have been lifted already).");
    const now = clock.now();
    await db.transaction(async (tx) => {
      await liftBan(tx, circle.id, ban.keyHash);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "ban.lifted", target: ban.id, circleId: circle.id });
    });
    res.status(204).end();
  });

  router.get("/audit", async (req, res) => {
    const host = requireHost(req, res);
    const circleId = typeof req.query.circleId === "string" ? req.query.circleId : undefined;
    if (circleId) {
      const circle = await findCircle(db, circleId);
      if (!circle) throw new HttpError(404, "There is no circle with this id.");
      if (circle.ownerId !== host.id) throw new HttpError(403, "This circle belongs to another host.");
    }
    res.json({ entries: await auditForOwner(db, host.id, circleId) });
  });

  router.get("/facilitators", async (req, res) => {
    const host = requireHost(req, res);
    const list = await facilitatorsInvitedBy(db, host.id);
    res.json({ facilitators: list.map((a) => ({ id: a.id, displayName: a.displayName, email: a.email })) });
  });

  router.post("/invitations", async (req, res) => {
    const host = requireHost(req, res);
    const input = validate(invitationInputSchema, req.body);
    if (input.circleId) {
      const circle = await findCircle(db, input.circleId);
      if (!circle || circle.ownerId !== host.id) throw new HttpError(400, "Please check the highlighted fields.", { circleId: "Choose one of your circles." });
    }
    const now = clock.now();
    const { token, expiresAt } = await createInvitation(db, host.id, input.circleId ?? null, now);
    await recordAudit(db, now, { actorId: host.id, actorKind: "host", action: "facilitator.invited", circleId: input.circleId ?? null });
    res.status(201).json({ url: `${baseUrl(services, req)}/invite/${token}`, expiresAt: expiresAt.toISOString() });
  });

  return router;
}
