import type { NoticeKind, PushPayload } from "../../shared/push.ts";
import { one, type Queryable } from "../store/db.ts";
import type { ClaimedNotice } from "./notices-store.ts";

interface CurrentState {
  registration_status: string;
  occurrence_status: string;
  start: Date;
  duration_minutes: number;
  time_zone: string;
  visibility: string;
  invite_token: string;
  reminder_minutes: number[] | null;
}

/** What a notice needs to still be true when its turn comes; otherwise it is obsolete, not sent. */
function stillTrue(notice: ClaimedNotice, state: CurrentState, now: Date, staleMs: number): boolean {
  const end = state.start.getTime() + state.duration_minutes * 60_000;
  if (now.getTime() >= end || state.registration_status === "cancelled") return false;
  const sameStart = notice.sessionStart !== null && notice.sessionStart.getTime() === state.start.getTime();
  switch (notice.kind as NoticeKind) {
    case "reminder": {
      const chosen = state.reminder_minutes?.map(Number) ?? null;
      const due = notice.notBefore?.getTime() ?? 0;
      return (
        state.registration_status === "registered" &&
        state.occurrence_status === "scheduled" &&
        sameStart &&
        now < state.start &&
        now.getTime() - due <= staleMs &&
        (chosen === null || chosen.includes(notice.minutes ?? -1))
      );
    }
    case "moved":
      return state.occurrence_status === "scheduled" && sameStart;
    case "cancelled":
      return state.occurrence_status !== "scheduled";
    case "restored":
      return state.occurrence_status === "scheduled";
    case "promoted":
      return state.registration_status === "registered" && state.occurrence_status === "scheduled";
    default:
      return false;
  }
}

/** "1 hour", "10 minutes", "1 hour 30 minutes", "2 days". */
export function spokenDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return plural(minutes, "minute");
  if (minutes >= 2 * 24 * 60 && minutes % (24 * 60) < 60) return plural(Math.round(minutes / (24 * 60)), "day");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${plural(hours, "hour")} ${plural(rest, "minute")}` : plural(hours, "hour");
}

/** The session's time in its circle's zone, e.g. "Tue 10 Mar, 19:00 (Europe/Berlin)". */
export function sessionTime(start: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false, timeZone }).format(start);
  return `${text} (${timeZone})`;
}

function wording(kind: NoticeKind, start: Date, timeZone: string, now: Date): string {
  const when = sessionTime(start, timeZone);
  switch (kind) {
    case "reminder":
      return `Your circle starts in ${spokenDuration(start.getTime() - now.getTime())}.`;
    case "moved":
      return `Your circle has moved. It now starts ${when}.`;
    case "cancelled":
      return `Your circle on ${when} is cancelled.`;
    case "restored":
      return `Your circle on ${when} is back on.`;
    case "promoted":
      return `A place opened for you: you are now registered for your circle on ${when}.`;
  }
}

/**
 * The payload of a claimed notice, built from the store as it is now (so a reminder says how long
 * there really is), or undefined when the notice is no longer true. Never a pseudonym or a title.
 */
export async function payloadFor(db: Queryable, notice: ClaimedNotice, now: Date, staleMs: number): Promise<PushPayload | undefined> {
  const state = await one<CurrentState>(
    db,
    `SELECT r.status AS registration_status, o.status AS occurrence_status, coalesce(o.moved_start, o.original_start) AS start,
            ss.duration_minutes, ss.time_zone, c.visibility, c.invite_token, p.reminder_minutes
       FROM registrations r
       JOIN session_occurrences o ON o.id = r.occurrence_id
       JOIN session_series ss ON ss.id = o.series_id
       JOIN circles c ON c.id = ss.circle_id
       LEFT JOIN push_preferences p ON p.participant_key_hash = r.participant_key_hash
      WHERE r.id = $1`,
    [notice.registrationId],
  );
  if (!state || !stillTrue(notice, state, now, staleMs)) return undefined;
  const kind = notice.kind as NoticeKind;
  const invite = state.visibility === "invite" ? `?invite=${encodeURIComponent(state.invite_token)}` : "";
  return {
    v: 1,
    id: notice.id,
    kind,
    title: "Hearth",
    body: wording(kind, state.start, state.time_zone, now),
    url: `/sessions/${notice.occurrenceId}${invite}`,
    start: state.start.toISOString(),
  };
}
