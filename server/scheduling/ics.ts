/**
 * iCalendar (RFC 5545, RFC 7986) for one session, a circle's schedule or a participant's own
 * registrations. Times are UTC ("Z"), which every calendar converts to its viewer's zone; the UID
 * is the session id at the deployment's domain, so a re-download or a subscription refresh
 * updates the same event instead of adding another, and SEQUENCE (stored, never lower) tells the
 * calendar which version is newer. The join link is in LOCATION and DESCRIPTION as well as URL,
 * since some apps show only the first two.
 */
import { compactUtc } from "./recurrence.ts";

export type IcsStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  /** Where to go: the join link. */
  location?: string;
  url?: string;
  /** CONFIRMED unless given (or `cancelled`). */
  status?: IcsStatus;
  cancelled?: boolean;
  /** Rises when the event changes, so calendars take the new version. */
  sequence?: number;
  /** Reminders, minutes before the start (none on a cancelled event). */
  alarms?: readonly number[];
}

export interface IcsCalendar {
  name: string;
  /** DTSTAMP of every event: when this file was made. */
  stamp: Date;
  events: IcsEvent[];
  /** A feed to subscribe to: tells calendars to refresh it hourly (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  feed?: boolean;
}

/** Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    // Control characters other than newlines and tab are not allowed in TEXT.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line at 75 octets with CRLF + space, never splitting a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function renderIcs(calendar: IcsCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Hearth//Peer-support circles//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  if (calendar.feed) lines.push("REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H");
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.stamp));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const status: IcsStatus = event.status ?? (event.cancelled ? "CANCELLED" : "CONFIRMED");
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${compactUtc(stamp)}`,
    `DTSTART:${compactUtc(event.start)}`,
    `DTEND:${compactUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${status}`, `SEQUENCE:${event.sequence ?? 0}`);
  if (status !== "CANCELLED") {
    for (const minutes of event.alarms ?? []) {
      lines.push(
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        `DESCRIPTION:${escapeText(event.summary)}`,
        `TRIGGER;RELATED=START:${minutes === 0 ? "PT0M" : `-PT${minutes}M`}`,
        "END:VALARM",
      );
    }
  }
  lines.push("END:VEVENT");
  return lines;
}
