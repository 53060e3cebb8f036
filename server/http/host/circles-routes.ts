import { Router } from "express";
import type { BanView } from "../../../shared/scheduling-api.ts";
import type { CircleCheckIns } from "../../../shared/checkins.ts";
import { guideFromTemplate } from "../../../shared/guide-templates.ts";
import { checkInsOfCircle } from "../../checkins/checkins-store.ts";
import type { CircleGuide } from "../../../shared/guides.ts";
import { circleInputSchema, circlePatchSchema } from "../../../shared/scheduling-schemas.ts";
import { auditForOwner, recordAudit } from "../../audit/audit-log.ts";
import { circlesOwnedBy, createCircle, deleteCircle, findCircle, rotateInviteToken, updateCircle } from "../../circles/circles-store.ts";
import { fillFromWaitlist } from "../../registrations/registrations-store.ts";
import { bansInCircle, liftBan } from "../../safety/bans.ts";
import { sessionsOfCircles } from "../../scheduling/sessions.ts";
import { reviseSeriesOfCircle, seriesOfCircles } from "../../scheduling/series-store.ts";
import type { ScheduleServices } from "../../services.ts";
import { requireHost } from "../auth-middleware.ts";
import { publicBase } from "../public-address.ts";
import { HttpError, param, validate } from "../http-errors.ts";
import { checkFacilitators, DAY_MS, hostCircle, ownCircle, seriesView } from "./ownership.ts";

/** A host's own circles: list, create, read, change, delete, renew the invite link. */
export function hostCirclesRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/circles", async (req, res) => {
    const host = requireHost(req, res);
    res.json({ circles: (await circlesOwnedBy(db, host.id)).map(hostCircle) });
  });

  router.post("/circles", async (req, res) => {
    const host = requireHost(req, res);
    const input = validate(circleInputSchema, req.body);
    await checkFacilitators(db, host, input.facilitatorIds);
    const now = clock.now();
    const circle = await db.transaction(async (tx) => {
      const created = await createCircle(tx, host.id, withTemplate(input, input.language), now);
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "circle.created", target: created.id, circleId: created.id });
      return created;
    });
    res.status(201).json({ circle: hostCircle(circle) });
  });

  router.get("/circles/:id", async (req, res) => {
    const { circle } = await ownCircle(db, req, res);
    const series = await seriesOfCircles(db, [circle.id]);
    res.json({
      circle: hostCircle(circle),
      series: series.map(seriesView),
      inviteUrl: circle.visibility === "invite" ? `${await publicBase(services)}/circles/${circle.id}?invite=${encodeURIComponent(circle.inviteToken)}` : null,
    });
  });

  /** Check-in counts per session (never per person), for the host's chart. */
  router.get("/circles/:id/checkins", async (req, res) => {
    const { circle } = await ownCircle(db, req, res);
    res.json((await checkInsOfCircle(db, circle.id)) satisfies CircleCheckIns);
  });

  router.patch("/circles/:id", async (req, res) => {
    const { host, circle } = await ownCircle(db, req, res);
    const input = validate(circlePatchSchema, req.body);
    await checkFacilitators(db, host, input.facilitatorIds);
    const now = clock.now();
    const updated = await db.transaction(async (tx) => {
      const next = (await updateCircle(tx, circle.id, withTemplate(input, input.language ?? circle.language), now))!;
      // What calendars show changed: every event of the circle gets a higher SEQUENCE.
      if (next.title !== circle.title || next.description !== circle.description) await reviseSeriesOfCircle(tx, circle.id);
      if (next.capacity > circle.capacity) {
        // More places: the waitlists of coming sessions (without a capacity of their own) move up.
        const coming = await sessionsOfCircles(tx, [circle.id], { endsAfter: now, startsBefore: new Date(now.getTime() + 366 * DAY_MS) });
        const rows = await tx.query<{ id: string }>(
          "SELECT id FROM session_occurrences WHERE id = ANY($1::text[]) AND capacity IS NULL ORDER BY id FOR UPDATE",
          [coming.map((s) => s.id)],
        );
        for (const row of rows) await fillFromWaitlist(tx, row.id, next.capacity);
      }
      await recordAudit(tx, now, { actorId: host.id, actorKind: "host", action: "circle.updated", target: circle.id, circleId: circle.id });
      return next;
    });
    res.json({ circle: hostCircle(updated) });
  });

  router.delete("/circles/:id", async (req, res) => {
    const { host, circle } = await ownCircle(db, req, res);
    await deleteCircle(db, circle.id);
    await recordAudit(db, clock.now(), { actorId: host.id, actorKind: "host", action: "circle.deleted", target: circle.id });
    res.status(204).end();
  });

  router.post("/circles/:id/invite-link", async (req, res) => {
    const { host, circle } = await ownCircle(db, req, res);
    await rotateInviteToken(db, circle.id, clock.now());
    await recordAudit(db, clock.now(), { actorId: host.id, actorKind: "host", action: "circle.invite_link_renewed", target: circle.id, circleId: circle.id });
    const updated = (await findCircle(db, circle.id))!;
    res.json({ circle: hostCircle(updated), inviteUrl: `${await publicBase(services)}/circles/${circle.id}?invite=${encodeURIComponent(updated.inviteToken)}` });
  });

  return router;
}

/** What happened in a host's circles: bans (and lifting them) and the audit log. */
export function hostRecordsRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/circles/:id/bans", async (req, res) => {
    const { circle } = await ownCircle(db, req, res);
    const bans: BanView[] = (await bansInCircle(db, circle.id)).map((b) => ({ id: b.id, bannedAt: b.bannedAt.toISOString(), bannedBy: b.bannedBy }));
    res.json({ bans });
  });

  router.delete("/circles/:id/bans/:banId", async (req, res) => {
    const { host, circle } = await ownCircle(db, req, res);
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

  return router;
}

/** `template` is a shortcut for `guide`: the template's steps, in the circle's language. */
function withTemplate<T extends { guide?: CircleGuide | null; template?: string | undefined }>(input: T, language: string): Omit<T, "template"> {
  const { template, ...fields } = input;
  if (template === undefined || (fields.guide !== undefined && fields.guide !== null)) return fields;
  return { ...fields, guide: guideFromTemplate(template, language) ?? null };
}
