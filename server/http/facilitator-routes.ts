import { Router } from "express";
import type { FacilitatorSession } from "../../shared/scheduling-api.ts";
import { circlesFacilitatedBy } from "../circles/circles-store.ts";
import { attendanceCounts } from "../registrations/registrations-store.ts";
import { sessionSummary } from "../scheduling/session-view.ts";
import { sessionsOfCircles } from "../scheduling/sessions.ts";
import type { ScheduleServices } from "../services.ts";
import { requireAccount } from "./auth-middleware.ts";

const DAY_MS = 86_400_000;

/** A facilitator's (or host's) coming sessions, to join with the facilitator role. */
export function facilitatorRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.get("/sessions", async (req, res) => {
    const account = requireAccount(req, res);
    const circles = await circlesFacilitatedBy(db, account.id);
    const byId = new Map(circles.map((c) => [c.id, c]));
    const now = clock.now();
    const sessions = (await sessionsOfCircles(db, [...byId.keys()], { endsAfter: now, startsBefore: new Date(now.getTime() + 30 * DAY_MS) })).slice(0, 100);
    const counts = await attendanceCounts(db, sessions.map((s) => s.id));
    const body: FacilitatorSession[] = sessions.map((s) => ({ ...sessionSummary(s, byId.get(s.circleId)!, counts.get(s.id)), canJoinAs: "facilitator" }));
    res.json({ sessions: body, serverNow: now.toISOString() });
  });

  return router;
}
