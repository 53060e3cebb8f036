import type { z } from "zod";
import type { Repeat, seriesInputSchema } from "../../shared/scheduling-schemas.ts";
import { formatRRule, isKnownTimeZone, parseRRule, type Recurrence, WEEKDAYS, zonedInstant } from "./recurrence.ts";
import type { Series, SeriesFields } from "./series-store.ts";
import { Temporal } from "@js-temporal/polyfill";

type SeriesInput = z.output<typeof seriesInputSchema>;
export type FieldErrors = Record<string, string>;

/** How far back a new first date may lie, and how far ahead a first or last date may be. */
export const SERIES_START_MAX_PAST_DAYS = 366;
export const SERIES_START_MAX_AHEAD_YEARS = 2;
export const SERIES_END_MAX_AHEAD_YEARS = 5;

/** Field errors for dates outside the bounds; an edit may keep the first date it already had. */
function dateBounds(input: SeriesInput, until: Date | undefined, now: Date, previousStartDate?: string): FieldErrors {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(input.timeZone).toPlainDate();
  const earliest = today.subtract({ days: SERIES_START_MAX_PAST_DAYS });
  const latestStart = today.add({ years: SERIES_START_MAX_AHEAD_YEARS });
  const latestEnd = today.add({ years: SERIES_END_MAX_AHEAD_YEARS });
  const first = Temporal.PlainDate.from(input.startDate);
  const errors: FieldErrors = {};
  if (input.startDate !== previousStartDate && Temporal.PlainDate.compare(first, earliest) < 0) {
    errors.startDate = `The first date can be at most a year in the past (${earliest.toString()} or later).`;
  }
  if (Temporal.PlainDate.compare(first, latestStart) > 0) {
    errors.startDate = `The first date can be at most ${SERIES_START_MAX_AHEAD_YEARS} years ahead (${latestStart.toString()} or earlier).`;
  }
  if (until && until.getTime() > zonedInstant(latestEnd.add({ days: 1 }).toString(), "00:00", input.timeZone).getTime()) {
    errors[input.repeat === "custom" && !input.endDate ? "rrule" : "endDate"] =
      `A schedule can end at most ${SERIES_END_MAX_AHEAD_YEARS} years ahead (${latestEnd.toString()} or earlier); leave the end open instead.`;
  }
  if (until && until.getTime() < zonedInstant(input.startDate, input.startTime, input.timeZone).getTime()) {
    errors[input.repeat === "custom" && !input.endDate ? "rrule" : "endDate"] = "The schedule ends before its first session.";
  }
  return errors;
}

/** Turns the schedule editor's choice into stored fields, or field errors. */
export function seriesFieldsFrom(
  input: SeriesInput,
  now: Date,
  previousStartDate?: string,
): { ok: true; fields: SeriesFields } | { ok: false; fields: FieldErrors } {
  if (!isKnownTimeZone(input.timeZone)) return { ok: false, fields: { timeZone: "Choose a time zone from the list." } };
  const first = Temporal.PlainDate.from(input.startDate);
  let rule: Recurrence | null;
  switch (input.repeat) {
    case "once":
      rule = null;
      break;
    case "weekly":
    case "biweekly":
      rule = { freq: "WEEKLY", interval: input.repeat === "weekly" ? 1 : 2, byDay: [WEEKDAYS[first.dayOfWeek - 1]!] };
      break;
    case "monthly":
      rule = { freq: "MONTHLY", interval: 1, byMonthDay: [first.day] };
      break;
    case "custom": {
      const parsed = parseRRule(input.rrule ?? "");
      if (!parsed.ok) return { ok: false, fields: { rrule: parsed.reason } };
      rule = parsed.rule;
      break;
    }
  }
  if (rule && input.endDate) {
    // The whole last day counts, in the circle's zone.
    const nextDay = Temporal.PlainDate.from(input.endDate).add({ days: 1 }).toString();
    rule = { ...rule, count: undefined, until: new Date(zonedInstant(nextDay, "00:00", input.timeZone).getTime() - 1000) };
  }
  const bounds = dateBounds(input, rule?.until, now, previousStartDate);
  if (Object.keys(bounds).length) return { ok: false, fields: bounds };
  return {
    ok: true,
    fields: {
      rrule: rule ? formatRRule(rule) : null,
      timeZone: input.timeZone,
      startDate: input.startDate,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      lobbyOpenMinutes: input.lobbyOpenMinutes,
    },
  };
}

/** The editor's name for a stored rule: what `seriesFieldsFrom` would have made, else "custom". */
export function repeatOf(series: Pick<Series, "rrule" | "startDate">): Repeat {
  if (series.rrule === null) return "once";
  const parsed = parseRRule(series.rrule);
  if (!parsed.ok) return "custom";
  const { freq, interval, byDay, byMonthDay, count } = parsed.rule;
  if (count !== undefined) return "custom";
  const first = Temporal.PlainDate.from(series.startDate);
  if (freq === "WEEKLY" && byDay?.length === 1 && byDay[0] === WEEKDAYS[first.dayOfWeek - 1]) {
    if (interval === 1) return "weekly";
    if (interval === 2) return "biweekly";
  }
  if (freq === "MONTHLY" && interval === 1 && byMonthDay?.length === 1 && byMonthDay[0] === first.day) return "monthly";
  return "custom";
}

/** The last local date of a series ended by UNTIL, for the editor. */
export function endDateOf(series: Pick<Series, "rrule" | "timeZone">): string | null {
  if (!series.rrule) return null;
  const parsed = parseRRule(series.rrule);
  if (!parsed.ok || !parsed.rule.until) return null;
  return Temporal.Instant.fromEpochMilliseconds(parsed.rule.until.getTime()).toZonedDateTimeISO(series.timeZone).toPlainDate().toString();
}
