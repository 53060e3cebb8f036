import { guideFromTemplate } from "../../shared/guide-templates.ts";
import type { CircleGuide } from "../../shared/guides.ts";
import { CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "../../shared/limits.ts";

export interface CircleInfo {
  id: string;
  title: string;
  description: string;
  capacity: number;
  /** The demo circle anyone may enter at any time. */
  alwaysOpen: boolean;
  /** The facilitator's guide (shared/guides.ts), if the host gave the circle one. */
  guide?: CircleGuide | null;
}

/** One scheduled session of a circle, as a room needs it. */
export interface SessionInfo {
  id: string;
  /** Seats in the room: the circle's places plus its facilitators', at most 16. */
  seats: number;
  /** When the session begins (ms since the epoch): arrivals before then wait to be let in. */
  startsAt: number;
  /** When it is scheduled to end (ms since the epoch): the room closes a little after. */
  endsAt: number;
}

export interface CircleCatalog {
  /** Circles anyone may walk into now (the always-open ones). */
  list(): Promise<CircleInfo[]>;
  get(id: string): Promise<CircleInfo | undefined>;
  /** A scheduled session of the circle; catalogs without a schedule have none. */
  session?(circleId: string, sessionId: string): Promise<SessionInfo | undefined>;
}

export const OPEN_CIRCLE_ID = "open-circle";

export function openCircle(title: string, capacity: number): CircleInfo {
  if (capacity < CIRCLE_CAPACITY_MIN || capacity > CIRCLE_CAPACITY_MAX) {
    throw new Error(`Circle capacity must be ${CIRCLE_CAPACITY_MIN}–${CIRCLE_CAPACITY_MAX}, got ${capacity}.`);
  }
  return {
    id: OPEN_CIRCLE_ID,
    title,
    description: "An always-open circle for trying Hearth. Come in, sit by the fire, say hello.",
    capacity,
    alwaysOpen: true,
    guide: guideFromTemplate("classic", "en"),
  };
}

/** Circles held in memory, without a schedule (the store-backed one is store-catalog.ts). */
export function memoryCatalog(circles: CircleInfo[]): CircleCatalog {
  const byId = new Map(circles.map((c) => [c.id, c]));
  return {
    list: async () => [...byId.values()],
    get: async (id) => byId.get(id),
  };
}
