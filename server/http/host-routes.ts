import { Router } from "express";
import type { ScheduleServices } from "../services.ts";
import { hostsOnly } from "./auth-middleware.ts";
import { hostCirclesRouter, hostRecordsRouter } from "./host/circles-routes.ts";
import { hostInvitationsRouter } from "./host/invitations-routes.ts";
import { hostSeriesRouter, hostSessionsRouter } from "./host/series-routes.ts";
import { hostSessionRouter } from "./host/session-changes-routes.ts";

/** Everything a host does to their own circles. Only the owning host may read or change a circle. */
export function hostRouter(services: ScheduleServices): Router {
  const router = Router();
  router.use(hostsOnly);
  router.use(hostCirclesRouter(services));
  router.use(hostSeriesRouter(services));
  router.use(hostSessionsRouter(services));
  router.use(hostSessionRouter(services));
  router.use(hostRecordsRouter(services));
  router.use(hostInvitationsRouter(services));
  return router;
}
