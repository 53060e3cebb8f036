import { matchMaker } from "@colyseus/core";
import { Router } from "express";
import { ROOM_NAME } from "../../shared/protocol.ts";
import type { CircleCatalog } from "../circles/catalog.ts";

export interface CircleSummary {
  id: string;
  title: string;
  description: string;
  capacity: number;
  seated: number;
}

export function apiRouter(catalog: CircleCatalog): Router {
  const router = Router();

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

  router.use((_req, res) => {
    res.status(404).json({ error: "Not found." });
  });

  return router;
}
