import { matchMaker } from "@colyseus/core";
import express, { Router } from "express";
import { ROOM_NAME } from "../../shared/protocol.ts";
import type { CircleCatalog } from "../circles/catalog.ts";
import type { ScheduleServices } from "../services.ts";
import { attachAccount, originGuard } from "./auth-middleware.ts";
import { authRouter } from "./auth-routes.ts";
import { calendarRouter } from "./calendar-routes.ts";
import { facilitatorRouter } from "./facilitator-routes.ts";
import { hostRouter } from "./host-routes.ts";
import { refuseControlCharacters } from "./control-characters.ts";
import { errorHandler } from "./http-errors.ts";
import { participantRouter } from "./participant-routes.ts";
import { publicRouter } from "./public-routes.ts";
import { pushRouter } from "./push-routes.ts";
import { hostReferralRouter, publicReferralRouter } from "./referral-routes.ts";
import { testClockRouter } from "./test-routes.ts";

export interface CircleSummary {
  id: string;
  title: string;
  description: string;
  capacity: number;
  seated: number;
}

/** The HTTP API under /api. Without `schedule` (no store) only health and the open circles answer. */
export function apiRouter(catalog: CircleCatalog, schedule?: ScheduleServices): Router {
  const router = Router();
  router.use(express.json({ limit: "32kb" }));
  router.use(refuseControlCharacters());
  router.use(originGuard(schedule?.publicUrl));

  router.get("/health", (_req, res) => {
    res.json({ ok: true });
  });

  router.get("/circles", async (_req, res) => {
    const [circles, rooms] = await Promise.all([catalog.list(), matchMaker.query({ name: ROOM_NAME })]);
    const seatedByCircle = new Map<string, number>();
    for (const room of rooms) {
      const circleId = (room.metadata as { circleId?: string } | undefined)?.circleId;
      if (circleId) seatedByCircle.set(circleId, (seatedByCircle.get(circleId) ?? 0) + room.clients);
    }
    const summaries: CircleSummary[] = circles.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      capacity: c.capacity,
      seated: seatedByCircle.get(c.id) ?? 0,
    }));
    res.json({ circles: summaries });
  });

  if (schedule) {
    router.use(attachAccount(schedule));
    if (schedule.testClock) router.use("/test", testClockRouter(schedule.testClock));
    router.use(authRouter(schedule));
    router.use("/host", hostReferralRouter(schedule));
    router.use("/host", hostRouter(schedule));
    router.use("/facilitate", facilitatorRouter(schedule));
    router.use(calendarRouter(schedule));
    router.use(publicReferralRouter(schedule));
    router.use(publicRouter(schedule));
    router.use(participantRouter(schedule));
    router.use("/push", pushRouter(schedule));
  }

  router.use((_req, res) => {
    res.status(404).json({ error: "Not found." });
  });
  router.use(errorHandler);

  return router;
}
