/** Response shapes of the scheduling API, for the client. Instants are UTC ISO strings. */
import type { CircleGuide } from "./guides.ts";
import type { Repeat } from "./scheduling-schemas.ts";
import type { GroupTopic } from "./topics.ts";

export interface PublicCircle {
  id: string;
  title: string;
  description: string;
  topicTags: string[];
  /** For one group only ("for fathers"), or null for anyone (shared/topics.ts). */
  forGroup: GroupTopic | null;
  language: string;
  agreements: string;
  capacity: number;
  visibility: "public" | "invite";
}

export interface SessionSummary {
  id: string;
  circle: PublicCircle;
  start: string;
  end: string;
  lobbyOpensAt: string;
  /** The circle's own time zone (IANA), in which the series was planned. */
  timeZone: string;
  status: "scheduled" | "skipped" | "cancelled";
  moved: boolean;
  recurring: boolean;
  /** Places in this session: its own capacity when the host set one, else the circle's. */
  capacity: number;
  placesLeft: number;
  waitlisted: number;
}

export interface SessionsResponse {
  sessions: SessionSummary[];
  /** The server's clock, for countdowns. */
  serverNow: string;
}

export interface SessionResponse {
  session: SessionSummary;
  serverNow: string;
  /** Relative URLs for calendars. */
  calendar: { session: string; circle: string };
}

export interface RegistrationView {
  id: string;
  sessionId: string;
  pseudonym: string;
  status: "registered" | "waitlisted" | "cancelled";
  createdAt: string;
  waitlistPosition: number | null;
}

export interface RegistrationResponse {
  registration: RegistrationView;
  alreadyRegistered: boolean;
  /** The session page, which becomes the join link when the lobby opens. */
  joinPath: string;
}

export interface MyRegistrationsResponse {
  registrations: (RegistrationView & { session: SessionSummary | null })[];
}

/** POST /api/me/calendar-feed: the private feed URL, shown once (only its hash is stored). */
export interface CalendarFeedResponse {
  url: string;
  webcalUrl: string;
  createdAt: string;
}

/** GET /api/me/calendar-feed. */
export interface CalendarFeedStatus {
  feed: { createdAt: string } | null;
}

export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  role: "host" | "facilitator";
}

export interface MeResponse {
  account: AccountView | null;
  csrfToken: string | null;
}

export interface HostCircle extends PublicCircle {
  /** The facilitator's guide, for the host to edit (shared/guides.ts). */
  guide: CircleGuide | null;
  ownerId: string;
  inviteToken: string;
  facilitatorIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SeriesView {
  id: string;
  circleId: string;
  repeat: Repeat;
  rrule: string | null;
  timeZone: string;
  startDate: string;
  startTime: string;
  endDate: string | null;
  durationMinutes: number;
  lobbyOpenMinutes: number;
}

export interface HostSession extends SessionSummary {
  seriesId: string;
  originalStart: string;
  counts: { registered: number; waitlisted: number; cancelled: number };
}

export interface AuditEntryView {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: string;
  action: string;
  target: string | null;
  circleId: string | null;
  sessionId: string | null;
}

export interface FacilitatorSession extends SessionSummary {
  /** True when this account facilitates it (or hosts the circle). */
  canJoinAs: "facilitator";
}

/** A ban in one of a host's circles. The banned person stays anonymous: `id` names the ban only. */
export interface BanView {
  id: string;
  bannedAt: string;
  /** The facilitator's display name; null when their account is gone. */
  bannedBy: string | null;
}
