import type { z } from "zod";
import type { Repeat, seriesInputSchema } from "../../shared/scheduling-schemas.ts";
import { formatRRule, isKnownTimeZone, parseRRule, type Recurrence, WEEKDAYS, zonedInstant } from "./recurrence.ts";
import type { Series, SeriesFields } from "./series-store.ts";
import { Temporal } from "@js-temporal/polyfill";

type SeriesInput = z.output<typeof seriesInputSchema>;
export type FieldErrors = Record<string, string>;

/** Turns the schedule editor's choice into stored fields, or field errors. */
export function seriesFieldsFrom(input: SeriesInput): { ok: true; fields: SeriesFields } | { ok: false; fields: FieldErrors } {
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
