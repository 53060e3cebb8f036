import { describe, expect, it } from "vitest";
import { contentDisposition } from "../../server/http/content-disposition.ts";
import { escapeText, foldLine, renderIcs } from "../../server/scheduling/ics.ts";

describe("an ICS file", () => {
  const stamp = new Date("2026-03-01T10:00:00Z");
  const ics = renderIcs({
    name: "Fathers, after separation",
    stamp,
    events: [
      {
        uid: "abc123-20260319T190000Z@hearth",
        start: new Date("2026-03-19T19:00:00Z"),
        end: new Date("2026-03-19T20:30:00Z"),
        summary: "Fathers; after separation, together",
        description: "Line one\nLine two \\ backslash",
        url: "https://hearth.example/sessions/abc123-20260319T190000Z",
      },
      { uid: "abc123-20260326T190000Z@hearth", start: new Date("2026-03-26T19:00:00Z"), end: new Date("2026-03-26T20:30:00Z"), summary: "x", cancelled: true, sequence: 2 },
    ],
  });
  const lines = ics.split("\r\n");

  it("is a calendar with CRLF lines and one event per session", () => {
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
  });

  it("writes times in UTC and keeps the UID it was given", () => {
    expect(lines).toContain("DTSTART:20260319T190000Z");
    expect(lines).toContain("DTEND:20260319T203000Z");
    expect(lines).toContain("DTSTAMP:20260301T100000Z");
    expect(lines).toContain("UID:abc123-20260319T190000Z@hearth");
  });

  it("escapes commas, semicolons, backslashes and newlines in text", () => {
    expect(lines).toContain("SUMMARY:Fathers\\; after separation\\, together");
    expect(lines).toContain("X-WR-CALNAME:Fathers\\, after separation");
    expect(lines).toContain("DESCRIPTION:Line one\\nLine two \\\\ backslash");
    expect(escapeText("a\r\nb")).toBe("a\\nb");
  });

  it("marks a cancelled session as cancelled with a higher sequence", () => {
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).toContain("STATUS:CONFIRMED");
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const long = `SUMMARY:${"ü".repeat(100)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(long);
  });
});

describe("when a calendar file carries reminders, feed hints and odd text", () => {
  const ics = renderIcs({
    name: "Pères",
    stamp: new Date("2026-03-01T10:00:00Z"),
    feed: true,
    events: [
      { uid: "a@hearth.example.org", start: new Date("2026-03-19T19:00:00Z"), end: new Date("2026-03-19T20:00:00Z"), summary: "Tea\u0007 time", location: "https://hearth.example.org/sessions/a", alarms: [60, 10], status: "TENTATIVE" },
      { uid: "b@hearth.example.org", start: new Date("2026-03-26T19:00:00Z"), end: new Date("2026-03-26T20:00:00Z"), summary: "x", alarms: [60], status: "CANCELLED", sequence: 3 },
    ],
  });
  const lines = ics.split("\r\n");

  it("asks subscribers to refresh hourly", () => {
    expect(lines).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    expect(lines).toContain("X-PUBLISHED-TTL:PT1H");
  });

  it("adds one VALARM per reminder, none on a cancelled event", () => {
    expect(lines.filter((l) => l === "BEGIN:VALARM")).toHaveLength(2);
    expect(lines).toContain("TRIGGER;RELATED=START:-PT60M");
    expect(lines).toContain("TRIGGER;RELATED=START:-PT10M");
    expect(lines).toContain("STATUS:TENTATIVE");
  });

  it("drops control characters from text and keeps the join link in LOCATION", () => {
    expect(lines).toContain("SUMMARY:Tea time");
    expect(lines).toContain("LOCATION:https://hearth.example.org/sessions/a");
  });
});

describe("a calendar file's Content-Disposition", () => {
  it("keeps a non-ASCII name in filename* and gives an ASCII fallback", () => {
    expect(contentDisposition("attachment", "Pères (soir)'s.ics")).toBe(
      `attachment; filename="Peres _soir__s.ics"; filename*=UTF-8''P%C3%A8res%20%28soir%29%27s.ics`,
    );
    const hostile = contentDisposition("inline", '"\r\n.ics');
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile).toBe(`inline; filename="ics"; filename*=UTF-8''%22.ics`);
  });
});
