import { Router } from "express";
import { z } from "zod";
import type { ControllableClock } from "../clock.ts";
import { validate } from "./http-errors.ts";

/**
 * Test-only: read and set the server's clock. Mounted only when a settable clock is allowed
 * (NODE_ENV=test or ALLOW_FAKE_CLOCK=1); otherwise these paths do not exist.
 */
export function testClockRouter(clock: ControllableClock): Router {
  const router = Router();
  router.get("/clock", (_req, res) => {
    res.json({ now: clock.now().toISOString() });
  });
  router.post("/clock", (req, res) => {
    const { now } = validate(z.object({ now: z.iso.datetime({ offset: true }) }), req.body);
    clock.set(new Date(now));
    res.json({ now: clock.now().toISOString() });
  });
  return router;
}
