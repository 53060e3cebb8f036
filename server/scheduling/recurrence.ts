/**
 * Recurrence with RRULE (RFC 5545) semantics, computed on wall-clock dates in the circle's own
 * time zone, so "weekly at 19:00 Europe/London" is 19:00 there in winter and in summer.
 *
 * Why Temporal and not the `rrule` package: `rrule` (2.8, last released 2023) ships a UMD bundle
 * whose named exports Node's ESM loader cannot see, and its TZID handling returns "UTC dates that
 * mean local time", a known source of DST bugs. `@js-temporal/polyfill` is the TC39 champions'
 * polyfill (actively released); with it the rule is expanded on plain dates and each date is
 * turned into an instant by the zone's own rules. The subset below is what Hearth offers:
 * FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (weekly), BYMONTHDAY (monthly), COUNT, UNTIL.
 *
 * RRULE semantics kept on purpose: a monthly rule on the 31st (or BYMONTHDAY=31) skips months
 * without a 31st rather than moving to the 30th (RFC 5545 §3.3.10: invalid dates are ignored).
 * A wall-clock time that does not exist on a spring-forward day moves forward by the gap
 * (Temporal's "compatible" disambiguation, as RFC 5545 §3.3.5 asks).
 */
import { Temporal } from "@js-temporal/polyfill";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Recurrence {
  freq: "DAILY" | "WEEKLY" | "MONTHLY";
  interval: number;
  byDay?: Weekday[];
  byMonthDay?: number[];
  count?: number;
  /** Last instant an occurrence may start at (inclusive). */
  until?: Date;
}

/** A COUNT-ended series is walked from its first date, so COUNT is bounded. */
export const MAX_COUNT = 1000;

export type ParseResult = { ok: true; rule: Recurrence } | { ok: false; reason: string };

/** Parses "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH" (an optional "RRULE:" prefix is allowed). */
export function parseRRule(text: string): ParseResult {
  const body = text.trim().replace(/^RRULE:/i, "");
  if (!body) return { ok: false, reason: "The rule is empty." };
  const parts = new Map<string, string>();
  for (const part of body.split(";")) {
    const [key, value, extra] = part.split("=");
    if (!key || value === undefined || extra !== undefined || !value) {
      return { ok: false, reason: `"${part}" is not a NAME=VALUE part.` };
    }
    const name = key.toUpperCase();
    if (parts.has(name)) return { ok: false, reason: `${name} appears twice.` };
    parts.set(name, value.toUpperCase());
  }
  const known = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"]);
  for (const name of parts.keys()) {
    if (!known.has(name)) return { ok: false, reason: `${name} is not supported here.` };
  }
  const freq = parts.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY") {
    return { ok: false, reason: "FREQ must be DAILY, WEEKLY or MONTHLY." };
  }
  if (parts.has("WKST") && parts.get("WKST") !== "MO") return { ok: false, reason: "Only WKST=MO is supported." };
  const rule: Recurrence = { freq, interval: 1 };

  const interval = parts.get("INTERVAL");
  if (interval !== undefined) {
    if (!/^\d{1,3}$/.test(interval) || Number(interval) < 1) return { ok: false, reason: "INTERVAL must be a whole number of at least 1." };
    rule.interval = Number(interval);
  }
  const byDay = parts.get("BYDAY");
  if (byDay !== undefined) {
    if (freq !== "WEEKLY") return { ok: false, reason: "BYDAY is supported with FREQ=WEEKLY only." };
    const days = byDay.split(",");
    if (!days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) {
      return { ok: false, reason: "BYDAY takes days such as MO,TH." };
    }
    rule.byDay = [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  }
  const byMonthDay = parts.get("BYMONTHDAY");
  if (byMonthDay !== undefined) {
    if (freq !== "MONTHLY") return { ok: false, reason: "BYMONTHDAY is supported with FREQ=MONTHLY only." };
    const days = byMonthDay.split(",").map(Number);
    if (!days.every((d) => Number.isInteger(d) && d !== 0 && d >= -31 && d <= 31)) {
      return { ok: false, reason: "BYMONTHDAY takes days 1 to 31 (or -1 for the last day)." };
    }
    rule.byMonthDay = [...new Set(days)];
  }
  const count = parts.get("COUNT");
  const until = parts.get("UNTIL");
  if (count !== undefined && until !== undefined) return { ok: false, reason: "Use COUNT or UNTIL, not both." };
  if (count !== undefined) {
    if (!/^\d{1,4}$/.test(count) || Number(count) < 1 || Number(count) > MAX_COUNT) {
      return { ok: false, reason: `COUNT must be a whole number from 1 to ${MAX_COUNT}.` };
    }
    rule.count = Number(count);
  }
  if (until !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(until);
    if (!m) return { ok: false, reason: "UNTIL must look like 20261231T235959Z." };
    const [, y, mo, d, h = "23", mi = "59", s = "59"] = m;
    let date: Temporal.PlainDateTime;
    try {
      // "reject": 20261301 or 20260230 is an error, never rolled over to another date.
      date = Temporal.PlainDateTime.from({ year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +s }, { overflow: "reject" });
    } catch {
      return { ok: false, reason: `UNTIL=${until} is not a real date and time.` };
    }
    rule.until = new Date(date.toZonedDateTime("UTC").epochMilliseconds);
  }
  return { ok: true, rule };
}

/** The canonical text of a rule. */
export function formatRRule(rule: Recurrence): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay?.length) parts.push(`BYDAY=${rule.byDay.join(",")}`);
  if (rule.byMonthDay?.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(",")}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${compactUtc(rule.until)}`);
  return parts.join(";");
}

/** When and how often a series meets. `rrule` null is a one-off session. */
export interface SeriesTiming {
  rrule: string | null;
  timeZone: string;
  /** First date, local: "2026-03-05". */
  startDate: string;
  /** Local start time: "19:00". */
  startTime: string;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The instant at which the wall clock in `zone` shows `date` `time`. */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const local = Temporal.PlainDateTime.from(`${date}T${time}`);
  const zoned = local.toZonedDateTime(zone, { disambiguation: "compatible" });
  return new Date(zoned.epochMilliseconds);
}

/** The wall-clock date and time of `instant` in `zone`: ["2026-03-05", "19:00"]. */
export function localDateTime(instant: Date, zone: string): [string, string] {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
  return [zoned.toPlainDate().toString(), zoned.toPlainTime().toString({ smallestUnit: "minute" })];
}

/** Upper bound on periods walked in one expansion, so a rule with no end cannot loop for ever. */
const MAX_PERIODS = 20_000;

/** Counts periods walked, for tests and benchmarks that check the walk starts near the window. */
export interface WalkStats {
  periods: number;
}

/**
 * Start instants of the series' occurrences with `from <= start < to`, in order.
 * Occurrences before the first date are never produced; COUNT counts from the first date.
 * Without COUNT the walk starts one period before `from`, so its cost does not grow with the
 * series' age (a weekly circle of ten years costs what a new one does).
 */
export function occurrencesBetween(series: SeriesTiming, from: Date, to: Date, stats?: WalkStats): Date[] {
  const out: Date[] = [];
  for (const start of expand(series, from, stats)) {
    if (start >= to) break;
    if (start >= from) out.push(start);
  }
  return out;
}

/** The series' first `count` start instants (fewer when it has fewer). */
export function firstOccurrences(series: SeriesTiming, count: number): Date[] {
  const out: Date[] = [];
  if (count <= 0) return out;
  for (const start of expand(series, new Date(0))) {
    out.push(start);
    if (out.length >= count) break;
  }
  return out;
}

/** True when the series has an occurrence starting exactly at `instant`. */
export function hasOccurrenceAt(series: SeriesTiming, instant: Date): boolean {
  return occurrencesBetween(series, instant, new Date(instant.getTime() + 1)).length === 1;
}

function* expand(series: SeriesTiming, from: Date, stats?: WalkStats): Generator<Date> {
  const first = Temporal.PlainDate.from(series.startDate);
  const toInstant = (date: Temporal.PlainDate) => zonedInstant(date.toString(), series.startTime, series.timeZone);
  if (series.rrule === null) {
    yield toInstant(first);
    return;
  }
  const parsed = parseRRule(series.rrule);
  if (!parsed.ok) throw new Error(`Invalid recurrence rule "${series.rrule}": ${parsed.reason}`);
  const rule = parsed.rule;
  let emitted = 0;
  const firstPeriod = rule.count === undefined ? periodNear(rule, first, from, series.timeZone) : 0;
  for (let period = firstPeriod; period < firstPeriod + MAX_PERIODS; period++) {
    if (stats) stats.periods++;
    for (const date of datesInPeriod(rule, first, period)) {
      if (Temporal.PlainDate.compare(date, first) < 0) continue;
      const start = toInstant(date);
      if (rule.until && start > rule.until) return;
      yield start;
      emitted++;
      if (rule.count !== undefined && emitted >= rule.count) return;
    }
  }
}

/**
 * The index of a period that starts no later than the local date of `from` (minus a day for
 * zone offsets), i.e. where a walk may begin without missing an occurrence at or after `from`.
 */
function periodNear(rule: Recurrence, first: Temporal.PlainDate, from: Date, zone: string): number {
  const local = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(zone).toPlainDate().subtract({ days: 1 });
  if (Temporal.PlainDate.compare(local, first) <= 0) return 0;
  let units: number;
  switch (rule.freq) {
    case "DAILY":
      units = first.until(local, { largestUnit: "days" }).days;
      break;
    case "WEEKLY": {
      const monday = first.subtract({ days: first.dayOfWeek - 1 });
      units = Math.floor(monday.until(local, { largestUnit: "days" }).days / 7);
      break;
    }
    case "MONTHLY":
      units = (local.year - first.year) * 12 + (local.month - first.month);
      break;
  }
  return Math.max(0, Math.floor(units / rule.interval) - 1);
}

/** The candidate dates of the `period`-th period (day, week or month) after the first date. */
function datesInPeriod(rule: Recurrence, first: Temporal.PlainDate, period: number): Temporal.PlainDate[] {
  const step = period * rule.interval;
  switch (rule.freq) {
    case "DAILY":
      return [first.add({ days: step })];
    case "WEEKLY": {
      const monday = first.subtract({ days: first.dayOfWeek - 1 }).add({ weeks: step });
      const days = rule.byDay ?? [WEEKDAYS[first.dayOfWeek - 1]!];
      return days.map((d) => monday.add({ days: WEEKDAYS.indexOf(d) }));
    }
    case "MONTHLY": {
      const month = Temporal.PlainYearMonth.from({ year: first.year, month: first.month }).add({ months: step });
      const wanted = (rule.byMonthDay ?? [first.day]).map((d) => (d > 0 ? d : month.daysInMonth + 1 + d));
      return [...new Set(wanted)]
        .filter((d) => d >= 1 && d <= month.daysInMonth) // the 31st of a 30-day month is skipped
        .sort((a, b) => a - b)
        .map((day) => month.toPlainDate({ day }));
    }
  }
}

/** "20260305T190000Z". */
export function compactUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
