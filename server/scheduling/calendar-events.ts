/**
 * What a session looks like in a calendar file, for the session download, the circle's feed and a
 * participant's own feed. Links are absolute, built from the deployment's public address.
 */
import type { Circle } from "../circles/circles-store.ts";
import type { RegistrationStatus } from "../registrations/registrations-store.ts";
import type { IcsEvent, IcsStatus } from "./ics.ts";
import type { Session } from "./sessions.ts";

export interface CalendarLinks {
  /** "https://hearth.example.org" */
  base: string;
  /** "hearth.example.org": the UID's domain. */
  domain: string;
}

/** The session page (the join link once the lobby opens), with the invite token for an invite-only circle. */
export function joinUrl(session: Session, circle: Circle, links: CalendarLinks, withInvite: boolean): string {
  const invite = withInvite && circle.visibility === "invite" ? `?invite=${encodeURIComponent(circle.inviteToken)}` : "";
  return `${links.base}/sessions/${session.id}${invite}`;
}

function describe(circle: Circle, url: string, note?: string): string {
  return [note, circle.description, `Join: ${url}`].filter(Boolean).join("\n\n");
}

/** A session as the circle shows it: skipped and cancelled sessions are cancelled events, never dropped. */
export function sessionEvent(
  session: Session,
  circle: Circle,
  links: CalendarLinks,
  options: { withInvite: boolean; alarms: readonly number[] },
): IcsEvent {
  const url = joinUrl(session, circle, links, options.withInvite);
  return {
    uid: `${session.id}@${links.domain}`,
    start: session.start,
    end: session.end,
    summary: circle.title,
    description: describe(circle, url),
    location: url,
    url,
    status: session.status === "scheduled" ? "CONFIRMED" : "CANCELLED",
    sequence: session.sequence,
    alarms: options.alarms,
  };
}

/** A registration's history for one session: how many rows the key made, and the latest one's status. */
export interface OwnRegistration {
  status: RegistrationStatus;
  /** Registrations this key made for the session (a cancelled one and a new one count two). */
  rows: number;
}

const STATUS_RANK: Record<RegistrationStatus, number> = { waitlisted: 0, registered: 1, cancelled: 2 };

/**
 * A session in a participant's own feed. Its UID differs from the circle's (the event is "my
 * place", with its own history), and its SEQUENCE adds the registration's changes to the
 * session's: waitlisted → registered → cancelled rises by rank, registering again adds a row
 * (+3, more than any rank can fall), so it never goes down.
 */
export function ownEvent(session: Session, circle: Circle, own: OwnRegistration, links: CalendarLinks, alarms: readonly number[]): IcsEvent {
  const url = joinUrl(session, circle, links, true);
  const waitlisted = own.status === "waitlisted";
  let status: IcsStatus = waitlisted ? "TENTATIVE" : "CONFIRMED";
  if (own.status === "cancelled" || session.status !== "scheduled") status = "CANCELLED";
  const note = waitlisted ? "You are on the waitlist: Hearth will give you a place if one opens." : undefined;
  return {
    uid: `${session.id}-mine@${links.domain}`,
    start: session.start,
    end: session.end,
    summary: waitlisted ? `Waitlist: ${circle.title}` : circle.title,
    description: describe(circle, url, note),
    location: url,
    url,
    status,
    sequence: session.sequence + own.rows * 3 + STATUS_RANK[own.status],
    alarms,
  };
}
