import type { PublicCircle, SessionSummary } from "../../shared/scheduling-api.ts";
import type { Circle } from "../circles/circles-store.ts";
import type { AttendanceCounts } from "../registrations/registrations-store.ts";
import type { Session } from "./sessions.ts";

export function publicCircle(c: Circle): PublicCircle {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    topicTags: c.topicTags,
    forGroup: c.forGroup,
    language: c.language,
    agreements: c.agreements,
    capacity: c.capacity,
    visibility: c.visibility,
  };
}

export function sessionSummary(session: Session, circle: Circle, counts: AttendanceCounts | undefined): SessionSummary {
  return {
    id: session.id,
    circle: publicCircle(circle),
    start: session.start.toISOString(),
    end: session.end.toISOString(),
    lobbyOpensAt: session.lobbyOpensAt.toISOString(),
    timeZone: session.timeZone,
    status: session.status,
    moved: session.moved,
    recurring: session.recurring,
    capacity: session.capacity ?? circle.capacity,
    placesLeft: Math.max(0, (session.capacity ?? circle.capacity) - (counts?.registered ?? 0)),
    waitlisted: counts?.waitlisted ?? 0,
  };
}
