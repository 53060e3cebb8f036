import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import type { HostSession, MyRegistrationsResponse, RegistrationResponse, SeriesView } from "../../shared/scheduling-api.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "./support/schedule-api.ts";

const NOW = new Date("2026-03-02T12:00:00Z");
const HOST = { email: "host@example.org", password: "a long host password", displayName: "Robin (host)" };
const WEEKLY = { repeat: "weekly", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60 };

/**
 * A clock whose readings jitter by up to a second, as a real one does between requests: the
 * timestamp a request takes before the lock is then no guide to the order it gets the lock in.
 */
function jitteryClock() {
  const base = fixedClock(NOW);
  return { ...base, now: () => new Date(base.now().getTime() + Math.floor(Math.random() * 1000)) };
}

describe.each(["PGlite", "PostgreSQL"] as const)("scheduling inputs on %s", (kind) => {
  let postgres: TestPostgres | undefined;
  let dataDir: string | undefined;
  let api: ScheduleApi;
  let host: Agent;
  const anyone = new Proxy({} as Agent, { get: (_t, name) => (new Agent(api.url) as unknown as Record<PropertyKey, unknown>)[name] });

  async function newCircle(capacity = 2, series: Record<string, unknown> = WEEKLY) {
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", { title: "Inputs circle", language: "en", capacity, visibility: "public" });
    expect(circle.status).toBe(201);
    const created = await host.post<{ series: SeriesView; upcoming: { id: string; start: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, series);
    expect(created.status).toBe(201);
    return { circleId: circle.body.circle.id, series: created.body.series, upcoming: created.body.upcoming };
  }
  const register = (sessionId: string, pseudonym: string, key = newParticipantKey()) =>
    anyone.post<RegistrationResponse>(`/api/sessions/${sessionId}/registrations`, { pseudonym }, { "x-participant-key": key });

  beforeAll(async () => {
    const clock = jitteryClock();
    if (kind === "PostgreSQL") {
      postgres = await startTestPostgres();
      api = await startScheduleApi({ databaseUrl: postgres.url, dataDir: "" }, NOW, { clock, publicUrl: "https://hearth.example.org" });
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "hearth-inputs-"));
      api = await startScheduleApi({ dataDir }, NOW, { clock, publicUrl: "https://hearth.example.org" });
    }
    host = new Agent(api.url);
    expect((await host.post("/api/setup", HOST)).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe("when fifty people register for two places at once", () => {
    it("gives two places and waitlist positions 1 to 48, each the position that sticks", async () => {
      const { upcoming } = await newCircle(2);
      const sessionId = upcoming[0]!.id;
      const keys = Array.from({ length: 50 }, () => newParticipantKey());
      const replies = await Promise.all(keys.map((key, i) => register(sessionId, `Racer ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, key)));
      expect(replies.map((r) => r.status)).toEqual(keys.map(() => 201));
      const statuses = replies.map((r) => r.body.registration.status);
      expect(statuses.filter((s) => s === "registered")).toHaveLength(2);
      const positions = replies.map((r) => r.body.registration.waitlistPosition).filter((p) => p !== null);
      expect([...positions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
      for (const [i, key] of keys.entries()) {
        const mine = await anyone.get<MyRegistrationsResponse>("/api/me/registrations", { "x-participant-key": key });
        expect(mine.body.registrations[0]!.waitlistPosition).toBe(replies[i]!.body.registration.waitlistPosition);
      }
    }, 120_000);
  });

  describe("when a field is unknown or misspelt", () => {
    it("answers 400 naming it, and changes nothing", async () => {
      const { circleId, upcoming } = await newCircle();
      const misspelt = await host.post<{ error: string; fields: Record<string, string> }>(`/api/host/circles/${circleId}/series`, { ...WEEKLY, end_date: "2026-06-01" });
      expect(misspelt.status).toBe(400);
      expect(misspelt.body.error).toContain('"end_date"');
      expect(misspelt.body.fields.end_date).toContain('did you mean "endDate"');
      const detail = await host.get<{ series: unknown[] }>(`/api/host/circles/${circleId}`);
      expect(detail.body.series).toHaveLength(1);

      const cases: [string, string, unknown][] = [
        ["PATCH", `/api/host/sessions/${upcoming[0]!.id}`, { action: "skip", reason: "holiday" }],
        ["PATCH", `/api/host/circles/${circleId}`, { capcity: 4 }],
        ["POST", "/api/host/circles", { title: "x", language: "en", capacity: 4, visibility: "public", colour: "red" }],
        ["POST", "/api/host/invitations", { circle_id: circleId }],
      ];
      for (const [method, url, body] of cases) {
        const reply = await host.request<{ fields: Record<string, string> }>(method, url, body);
        expect(reply.status, url).toBe(400);
        expect(Object.keys(reply.body.fields)).toEqual([Object.keys(body as object).find((k) => !["action", "title", "language", "capacity", "visibility"].includes(k))]);
      }
      const extra = await anyone.post<{ fields: Record<string, string> }>(`/api/sessions/${upcoming[0]!.id}/registrations`, { pseudonym: "Calm Heron", pseudonyme: "x" }, { "x-participant-key": newParticipantKey() });
      expect(extra.status).toBe(400);
      expect(extra.body.fields.pseudonyme).toContain('did you mean "pseudonym"');
      const sessions = await host.get<{ sessions: HostSession[] }>(`/api/host/circles/${circleId}/sessions`);
      expect(sessions.body.sessions[0]!.status).toBe("scheduled");
      expect(sessions.body.sessions[0]!.counts.registered).toBe(0);
    });
  });

  describe("when a time zone is given", () => {
    it("stores the canonical IANA name, and refuses offsets, abbreviations and unknown names with a message", async () => {
      const made = await newCircle(2, { ...WEEKLY, timeZone: "america/new_york" });
      expect(made.series.timeZone).toBe("America/New_York");
      const { circleId } = made;
      for (const zone of ["+05:00", "UTC+2", "EST", "Mars/Olympus"]) {
        const reply = await host.post<{ fields: Record<string, string> }>(`/api/host/circles/${circleId}/series`, { ...WEEKLY, timeZone: zone });
        expect(reply.status, zone).toBe(400);
        expect(reply.body.fields.timeZone).toMatch(/offset|abbreviation|not a time zone/);
      }
    });
  });

  describe("when a recurrence names an impossible or far date", () => {
    it("refuses it with a 400 on the field", async () => {
      const { circleId } = await newCircle();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...WEEKLY, repeat: "custom", rrule: "FREQ=WEEKLY;UNTIL=20261301T000000Z" }, "rrule"],
        [{ ...WEEKLY, startDate: "2026-02-30" }, "startDate"],
        [{ ...WEEKLY, startDate: "2019-01-03" }, "startDate"],
        [{ ...WEEKLY, endDate: "2090-01-01" }, "endDate"],
      ];
      for (const [body, field] of cases) {
        const reply = await host.post<{ fields: Record<string, string> }>(`/api/host/circles/${circleId}/series`, body);
        expect(reply.status).toBe(400);
        expect(Object.keys(reply.body.fields)).toContain(field);
      }
    });
  });

  describe("when a session has its own capacity", () => {
    it("uses it for places, and raising it gives the waitlist places", async () => {
      const { upcoming } = await newCircle(2);
      const id = upcoming[0]!.id;
      for (const name of ["Ash Owl", "Birch Owl", "Cedar Owl"]) await register(id, name);
      expect((await host.patch(`/api/host/sessions/${id}`, { action: "capacity", capacity: 4 })).body).toMatchObject({ session: { capacity: 4, placesLeft: 1 } });
      expect((await register(id, "Dune Owl")).body.registration.status).toBe("registered");
      expect((await register(id, "Elm Owl")).body.registration.status).toBe("waitlisted");
      expect((await register(upcoming[1]!.id, "Fir Owl")).status).toBe(201);
      expect((await anyone.get<{ session: { capacity: number } }>(`/api/sessions/${upcoming[1]!.id}`)).body.session.capacity).toBe(2);
      expect((await host.patch(`/api/host/sessions/${id}`, { action: "capacity", capacity: 1 })).status).toBe(400);
    });
  });

  describe("when a host changes this and the following sessions after people registered", () => {
    it("ends the old series before it and carries registrations over to the new sessions in order", async () => {
      const { circleId, upcoming } = await newCircle(2);
      const early = newParticipantKey();
      const first = newParticipantKey();
      const second = newParticipantKey();
      await register(upcoming[0]!.id, "Early Wren", early);
      await register(upcoming[2]!.id, "First Wren", first);
      await register(upcoming[2]!.id, "Other Wren");
      await register(upcoming[2]!.id, "Second Wren", second);
      const split = await host.post<{ before: SeriesView; after: SeriesView; moved: number; cancelled: number }>(`/api/host/sessions/${upcoming[1]!.id}/split`, {
        ...WEEKLY,
        startDate: "2026-03-13",
        startTime: "18:30",
      });
      expect(split.status, JSON.stringify(split.body)).toBe(201);
      expect(split.body).toMatchObject({ moved: 3, cancelled: 0, after: { startDate: "2026-03-13", startTime: "18:30" } });
      const sessions = (await host.get<{ sessions: HostSession[] }>(`/api/host/circles/${circleId}/sessions?days=30`)).body.sessions;
      expect(sessions.map((s) => s.start).slice(0, 4)).toEqual(["2026-03-05T19:00:00.000Z", "2026-03-13T18:30:00.000Z", "2026-03-20T18:30:00.000Z", "2026-03-27T18:30:00.000Z"]);
      const mineOf = async (key: string) => (await anyone.get<MyRegistrationsResponse>("/api/me/registrations", { "x-participant-key": key })).body.registrations;
      expect((await mineOf(early))[0]!.session!.start).toBe("2026-03-05T19:00:00.000Z");
      const [a] = await mineOf(first);
      const [b] = await mineOf(second);
      expect(a).toMatchObject({ status: "registered", session: { start: "2026-03-20T18:30:00.000Z" } });
      expect(b).toMatchObject({ status: "waitlisted", waitlistPosition: 1, session: { start: "2026-03-20T18:30:00.000Z" } });
      expect((await anyone.get(`/api/sessions/${upcoming[2]!.id}`)).status).toBe(404);
    });

    it("refuses a one-off session and an unknown field", async () => {
      const once = await newCircle(2, { ...WEEKLY, repeat: "once" });
      expect((await host.post(`/api/host/sessions/${once.upcoming[0]!.id}/split`, WEEKLY)).status).toBe(400);
      const weekly = await newCircle(2);
      const reply = await host.post<{ fields: Record<string, string> }>(`/api/host/sessions/${weekly.upcoming[1]!.id}/split`, { ...WEEKLY, start_time: "18:00" });
      expect(reply.status).toBe(400);
      expect(reply.body.fields.start_time).toContain("startTime");
    });
  });
});
