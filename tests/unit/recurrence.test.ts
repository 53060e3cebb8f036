import { describe, expect, it } from "vitest";
import {
  formatRRule,
  hasOccurrenceAt,
  localDateTime,
  occurrencesBetween,
  parseRRule,
  type SeriesTiming,
  zonedInstant,
} from "../../server/scheduling/recurrence.ts";
import { endDateOf, repeatOf, seriesFieldsFrom } from "../../server/scheduling/series-input.ts";

const utc = (iso: string) => new Date(iso);
const NOW = new Date("2026-03-02T12:00:00Z");
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("a weekly 19:00 Europe/London series", () => {
  // Thursday 2026-03-19; the clocks go forward on Sunday 29 March and back on Sunday 25 October.
  const series: SeriesTiming = { rrule: "FREQ=WEEKLY;BYDAY=TH", timeZone: "Europe/London", startDate: "2026-03-19", startTime: "19:00" };

  it("stays at 19:00 local when the clocks go forward in March", () => {
    const starts = occurrencesBetween(series, utc("2026-03-01T00:00:00Z"), utc("2026-04-10T00:00:00Z"));
    expect(iso(starts)).toEqual([
      "2026-03-19T19:00:00.000Z", // GMT
      "2026-03-26T19:00:00.000Z", // GMT
      "2026-04-02T18:00:00.000Z", // BST: 19:00 local is 18:00 UTC
      "2026-04-09T18:00:00.000Z",
    ]);
    for (const start of starts) expect(localDateTime(start, "Europe/London")[1]).toBe("19:00");
  });

  it("stays at 19:00 local when the clocks go back in October", () => {
    const starts = occurrencesBetween(series, utc("2026-10-15T00:00:00Z"), utc("2026-11-06T00:00:00Z"));
    expect(iso(starts)).toEqual(["2026-10-15T18:00:00.000Z", "2026-10-22T18:00:00.000Z", "2026-10-29T19:00:00.000Z", "2026-11-05T19:00:00.000Z"]);
    for (const start of starts) expect(localDateTime(start, "Europe/London")).toEqual([expect.any(String), "19:00"]);
  });

  it("never produces a session before its first date", () => {
    expect(occurrencesBetween(series, utc("2026-01-01T00:00:00Z"), utc("2026-03-19T00:00:00Z"))).toEqual([]);
  });

  it("recognises its own occurrences and nothing else", () => {
    expect(hasOccurrenceAt(series, utc("2026-04-02T18:00:00Z"))).toBe(true);
    expect(hasOccurrenceAt(series, utc("2026-04-02T19:00:00Z"))).toBe(false);
    expect(hasOccurrenceAt(series, utc("2026-04-03T18:00:00Z"))).toBe(false);
  });
});

describe("every two weeks", () => {
  it("meets on alternate weeks counted from the first date", () => {
    const series: SeriesTiming = { rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", timeZone: "America/New_York", startDate: "2026-03-02", startTime: "18:30" };
    const starts = occurrencesBetween(series, utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"));
    // US clocks change on 8 March: 18:30 EST is 23:30Z, 18:30 EDT is 22:30Z.
    expect(iso(starts)).toEqual(["2026-03-02T23:30:00.000Z", "2026-03-16T22:30:00.000Z", "2026-03-30T22:30:00.000Z"]);
  });
});

describe("a monthly series on the 31st", () => {
  const series: SeriesTiming = { rrule: "FREQ=MONTHLY;BYMONTHDAY=31", timeZone: "Europe/Paris", startDate: "2026-01-31", startTime: "12:00" };

  it("skips months without a 31st, as RRULE does", () => {
    const starts = occurrencesBetween(series, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    const dates = starts.map((s) => localDateTime(s, "Europe/Paris")[0]);
    expect(dates).toEqual(["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31", "2026-10-31", "2026-12-31"]);
    expect(starts.every((s) => localDateTime(s, "Europe/Paris")[1] === "12:00")).toBe(true);
  });

  it("is what the editor's \"monthly\" makes from a first date on the 31st", () => {
    const made = seriesFieldsFrom({ repeat: "monthly", startDate: "2026-01-31", startTime: "12:00", timeZone: "Europe/Paris", durationMinutes: 60, lobbyOpenMinutes: 10 }, NOW);
    expect(made.ok && made.fields.rrule).toBe("FREQ=MONTHLY;BYMONTHDAY=31");
  });

  it("takes -1 as the last day of every month", () => {
    const last: SeriesTiming = { ...series, rrule: "FREQ=MONTHLY;BYMONTHDAY=-1" };
    const dates = occurrencesBetween(last, utc("2026-01-01T00:00:00Z"), utc("2026-05-01T00:00:00Z")).map((s) => localDateTime(s, "Europe/Paris")[0]);
    expect(dates).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
  });
});

describe("ends and one-offs", () => {
  it("stops after COUNT occurrences", () => {
    const series: SeriesTiming = { rrule: "FREQ=DAILY;COUNT=3", timeZone: "UTC", startDate: "2026-05-01", startTime: "09:00" };
    expect(occurrencesBetween(series, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"))).toHaveLength(3);
  });

  it("includes the whole last day chosen as the end date, in the circle's zone", () => {
    const made = seriesFieldsFrom({ repeat: "weekly", startDate: "2026-03-19", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60, lobbyOpenMinutes: 10, endDate: "2026-04-02" }, NOW);
    if (!made.ok) throw new Error("expected fields");
    const series = { ...made.fields };
    expect(iso(occurrencesBetween(series, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))).toEqual([
      "2026-03-19T19:00:00.000Z",
      "2026-03-26T19:00:00.000Z",
      "2026-04-02T18:00:00.000Z",
    ]);
    expect(endDateOf(series)).toBe("2026-04-02");
    expect(repeatOf(series)).toBe("weekly");
  });

  it("has exactly one session when it does not repeat", () => {
    const once: SeriesTiming = { rrule: null, timeZone: "Asia/Tokyo", startDate: "2026-06-01", startTime: "20:00" };
    expect(iso(occurrencesBetween(once, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))).toEqual(["2026-06-01T11:00:00.000Z"]);
  });

  it("moves a wall-clock time that does not exist on the spring-forward day to after the gap", () => {
    expect(zonedInstant("2026-03-29", "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 02:30 BST
  });
});

describe("parsing rules", () => {
  it("round-trips the rules the editor makes", () => {
    for (const text of ["FREQ=WEEKLY;BYDAY=TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=DAILY;COUNT=5", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231T235959Z"]) {
      const parsed = parseRRule(text);
      expect(parsed.ok && formatRRule(parsed.rule)).toBe(text);
    }
  });

  it("refuses what it does not support, with a reason", () => {
    expect(parseRRule("FREQ=YEARLY")).toEqual({ ok: false, reason: expect.stringMatching(/FREQ must be/) });
    expect(parseRRule("FREQ=WEEKLY;BYDAY=XX")).toEqual({ ok: false, reason: expect.stringMatching(/BYDAY/) });
    expect(parseRRule("FREQ=WEEKLY;BYSETPOS=1")).toEqual({ ok: false, reason: expect.stringMatching(/not supported/) });
    expect(parseRRule("FREQ=DAILY;COUNT=2;UNTIL=20260101")).toEqual({ ok: false, reason: expect.stringMatching(/not both/) });
  });

  it("refuses an unknown time zone as a field error", () => {
    const made = seriesFieldsFrom({ repeat: "once", startDate: "2026-03-19", startTime: "19:00", timeZone: "Mars/Olympus", durationMinutes: 60, lobbyOpenMinutes: 10 }, NOW);
    expect(made).toEqual({ ok: false, fields: { timeZone: expect.any(String) } });
  });
});
