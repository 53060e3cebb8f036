/**
 * Expanding a series for a 90-day window: periods walked and time taken, for a new series and
 * for ones that started years ago. Both should be about the same (the walk starts near the
 * window). Prints numbers only; nothing is asserted.
 */
import { occurrencesBetween, type SeriesTiming, type WalkStats } from "../server/scheduling/recurrence.ts";

const from = new Date("2026-03-01T00:00:00Z");
const to = new Date("2026-05-30T00:00:00Z");
const cases: [string, SeriesTiming][] = [
  ["weekly, started last month", { rrule: "FREQ=WEEKLY;BYDAY=TH", timeZone: "Europe/London", startDate: "2026-02-05", startTime: "19:00" }],
  ["weekly, started 30 years ago", { rrule: "FREQ=WEEKLY;BYDAY=TH", timeZone: "Europe/London", startDate: "1996-02-01", startTime: "19:00" }],
  ["daily, started 50 years ago", { rrule: "FREQ=DAILY", timeZone: "America/New_York", startDate: "1976-01-01", startTime: "08:00" }],
  ["monthly 31st, started 50 years ago", { rrule: "FREQ=MONTHLY;BYMONTHDAY=31", timeZone: "Asia/Tokyo", startDate: "1976-01-31", startTime: "20:00" }],
];
for (const [name, series] of cases) {
  const stats: WalkStats = { periods: 0 };
  const started = performance.now();
  const runs = 200;
  let found = 0;
  for (let i = 0; i < runs; i++) found = occurrencesBetween(series, from, to, i === 0 ? stats : undefined).length;
  const ms = (performance.now() - started) / runs;
  console.log(`${name.padEnd(36)} ${String(found).padStart(3)} sessions  ${String(stats.periods).padStart(4)} periods  ${ms.toFixed(3)} ms`);
}
