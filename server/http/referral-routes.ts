import type { Request, Response } from "express";
import { Router } from "express";
import { referralDirectoryInputSchema } from "../../shared/referrals.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { findCircle } from "../circles/circles-store.ts";
import { circleReferrals, readReferrals, type ReferralScope, writeReferrals } from "../safety/referrals-store.ts";
import type { ScheduleServices } from "../services.ts";
import { hostsOnly, requireHost } from "./auth-middleware.ts";
import { HttpError, param, validate } from "./http-errors.ts";

const EMPTY = { entries: [], updatedAt: null };

/**
 * Hosts (mounted under /api/host): a referral directory per circle and one for all their circles.
 *   GET/PUT /api/host/referrals · GET/PUT /api/host/circles/:id/referrals   body { entries }
 */
export function hostReferralRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  async function scopeOf(req: Request, res: Response): Promise<{ hostId: string; scope: ReferralScope; circleId?: string }> {
    const host = requireHost(req, res);
    if (!req.params.id) return { hostId: host.id, scope: { hostId: host.id } };
    const circle = await findCircle(db, param(req, "id"));
    if (!circle) throw new HttpError(404, "There is no circle with this id.");
    if (circle.ownerId !== host.id) throw new HttpError(403, "This circle belongs to another host; only its host can see or change it.");
    return { hostId: host.id, scope: { circleId: circle.id }, circleId: circle.id };
  }

  for (const path of ["/referrals", "/circles/:id/referrals"]) {
    router.get(path, hostsOnly, async (req, res) => {
      const { scope } = await scopeOf(req, res);
      res.json(await readReferrals(db, scope));
    });
    router.put(path, hostsOnly, async (req, res) => {
      const { hostId, scope, circleId } = await scopeOf(req, res);
      const { entries } = validate(referralDirectoryInputSchema, req.body);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await writeReferrals(tx, scope, entries, now);
        await recordAudit(tx, now, { actorId: hostId, actorKind: "host", action: "referrals.updated", target: circleId ?? hostId, ...(circleId ? { circleId } : {}) });
      });
      res.json(await readReferrals(db, scope));
    });
  }
  return router;
}

/**
 * Anyone: GET /api/circles/:id/referrals, the whole directory in one answer, the same for
 * everyone and cacheable, so no request says who looked at which service.
 */
export function publicReferralRouter(services: ScheduleServices): Router {
  const router = Router();
  router.get("/circles/:id/referrals", async (req, res) => {
    const circle = await findCircle(services.db, param(req, "id"));
    const directory = circle ? await circleReferrals(services.db, circle.id, circle.ownerId) : EMPTY;
    res.set("Cache-Control", "public, max-age=300").json(directory);
  });
  return router;
}
