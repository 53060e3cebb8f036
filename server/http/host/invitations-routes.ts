import { Router } from "express";
import { invitationInputSchema } from "../../../shared/scheduling-schemas.ts";
import { facilitatorsInvitedBy } from "../../accounts/accounts-store.ts";
import { createInvitation } from "../../accounts/invitations.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { findCircle } from "../../circles/circles-store.ts";
import type { ScheduleServices } from "../../services.ts";
import { requireHost } from "../auth-middleware.ts";
import { publicBase } from "../public-address.ts";
import { HttpError, validate } from "../http-errors.ts";

/** The facilitators a host has invited, and new invitation links. */
export function hostInvitationsRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

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
    res.status(201).json({ url: `${await publicBase(services)}/invite/${token}`, expiresAt: expiresAt.toISOString() });
  });

  return router;
}
