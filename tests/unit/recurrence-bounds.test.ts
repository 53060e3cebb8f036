import { describe, expect, it } from "vitest";
import { occurrencesBetween, parseRRule, type SeriesTiming, type WalkStats } from "../../server/scheduling/recurrence.ts";
import { seriesFieldsFrom } from "../../server/scheduling/series-input.ts";
import { seriesInputSchema } from "../../shared/scheduling-schemas.ts";

const NOW = new Date("2026-03-02T12:00:00Z");
const base = { startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60, lobbyOpenMinutes: 10 } as const;

describe("when a recurrence rule names an impossible date", () => {
  it.each(["20261301T000000Z", "20260230T190000Z", "20260431", "20260101T250000Z", "20260101T106000Z"])("refuses UNTIL=%s instead of rolling it over", (until) => {
    const parsed = parseRRule(`FREQ=WEEKLY;UNTIL=${until}`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain("not a real date");
  });

  it("keeps a real leap day", () => {
    const parsed = parseRRule("FREQ=WEEKLY;UNTIL=20280229T235959Z");
    expect(parsed.ok && parsed.rule.until?.toISOString()).toBe("2028-02-29T23:59:59.000Z");
  });

  it("refuses 30 February as a first date", () => {
    const parsed = seriesInputSchema.safeParse({ ...base, repeat: "weekly", startDate: "2026-02-30" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["startDate"]);
  });

  it("refuses a COUNT above the bound", () => {
    expect(parseRRule("FREQ=DAILY;COUNT=5000").ok).toBe(false);
  });
});

describe("when a series starts far in the past or ends far in the future", () => {
  it("refuses a first date more than a year ago, with the earliest allowed", () => {
    const made = seriesFieldsFrom({ ...base, repeat: "weekly", startDate: "2020-01-02" }, NOW);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.fields.startDate).toMatch(/at most a year in the past \(2025-03-01 or later\)/);
  });

  it("lets an edit keep the first date the series already had", () => {
    expect(seriesFieldsFrom({ ...base, repeat: "weekly", startDate: "2020-01-02" }, NOW, "2020-01-02").ok).toBe(true);
  });

  it("refuses a first date more than two years ahead", () => {
    const made = seriesFieldsFrom({ ...base, repeat: "once", startDate: "2030-01-01" }, NOW);
    expect(made.ok).toBe(false);
  });

  it("refuses an end more than five years ahead, in endDate or in the rule's UNTIL", () => {
    const byDate = seriesFieldsFrom({ ...base, repeat: "weekly", startDate: "2026-03-05", endDate: "2099-01-01" }, NOW);
    expect(!byDate.ok && byDate.fields.endDate).toMatch(/at most 5 years ahead/);
    const byRule = seriesFieldsFrom({ ...base, repeat: "custom", rrule: "FREQ=DAILY;UNTIL=20991231T000000Z", startDate: "2026-03-05" }, NOW);
    expect(!byRule.ok && byRule.fields.rrule).toMatch(/at most 5 years ahead/);
  });

  it("refuses a rule that ends before its first session", () => {
    const made = seriesFieldsFrom({ ...base, repeat: "custom", rrule: "FREQ=DAILY;UNTIL=20260101T000000Z", startDate: "2026-03-05" }, NOW);
    expect(!made.ok && made.fields.rrule).toMatch(/ends before its first session/);
  });
});

describe("when a long-running series is expanded", () => {
  const window = (series: SeriesTiming) => {
    const stats: WalkStats = { periods: 0 };
    const starts = occurrencesBetween(series, new Date("2026-03-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z"), stats);
    return { starts: starts.map((d) => d.toISOString()), periods: stats.periods };
  };

  it.each([
    ["FREQ=WEEKLY;BYDAY=TH", "2026-02-05"],
    ["FREQ=WEEKLY;BYDAY=TH", "1996-02-01"],
    ["FREQ=DAILY;INTERVAL=3", "1990-01-01"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "1970-01-31"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "2001-01-01"],
  ])("walks about as many periods for %s from %s as for a new series", (rrule, startDate) => {
    const { periods } = window({ rrule, timeZone: "Europe/London", startDate, startTime: "19:00" });
    expect(periods).toBeLessThanOrEqual(40);
  });

  it("finds the same sessions as a walk from the first date would", () => {
    const old = window({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", timeZone: "Europe/London", startDate: "2016-03-03", startTime: "19:00" });
    // 2016-03-03 is a Thursday; 2026-03-05 is 522 weeks later (even), so 5 and 19 March.
    expect(old.starts).toEqual(["2026-03-05T19:00:00.000Z", "2026-03-19T19:00:00.000Z"]);
    const monthly = window({ rrule: "FREQ=MONTHLY;BYMONTHDAY=31", timeZone: "Europe/London", startDate: "1970-01-31", startTime: "19:00" });
    expect(monthly.starts).toEqual(["2026-03-31T18:00:00.000Z"]);
    const daily = window({ rrule: "FREQ=DAILY;INTERVAL=3", timeZone: "Europe/London", startDate: "2026-02-26", startTime: "19:00" });
    expect(daily.starts[0]).toBe("2026-03-01T19:00:00.000Z");
  });
});
