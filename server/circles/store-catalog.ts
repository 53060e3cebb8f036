import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { findSession } from "../scheduling/sessions.ts";
import type { Db } from "../store/db.ts";
import type { CircleCatalog, CircleInfo, SessionInfo } from "./catalog.ts";
import { findCircle } from "./circles-store.ts";

/**
 * Circles from the store, plus the configured always-open circles (the demo "Open circle").
 * `list()` names only circles anyone may walk into now; scheduled circles are reached through
 * their sessions.
 */
export function storeCatalog(db: Db, openCircles: CircleInfo[]): CircleCatalog {
  const open = new Map(openCircles.map((c) => [c.id, c]));
  return {
    list: async () => [...open.values()],
    async get(id) {
      const fixed = open.get(id);
      if (fixed) return fixed;
      const circle = await findCircle(db, id);
      if (!circle) return undefined;
      return { id: circle.id, title: circle.title, description: circle.description, capacity: circle.capacity, alwaysOpen: false, guide: circle.guide };
    },
    async session(circleId, sessionId): Promise<SessionInfo | undefined> {
      const [circle, session] = await Promise.all([findCircle(db, circleId), findSession(db, sessionId)]);
      if (!circle || !session || session.circleId !== circle.id) return undefined;
      // Facilitators sit in the circle too: seats for every registered place plus theirs.
      const facilitators = new Set([circle.ownerId, ...circle.facilitatorIds]).size;
      return { id: session.id, seats: Math.min(CIRCLE_CAPACITY_MAX, circle.capacity + facilitators), startsAt: session.start.getTime(), endsAt: session.end.getTime() };
    },
  };
}
