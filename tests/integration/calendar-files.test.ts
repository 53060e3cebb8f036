import http from "node:http";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newParticipantKey } from "../../shared/participant-key.ts";
import type { RegistrationResponse } from "../../shared/scheduling-api.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "./support/schedule-api.ts";

/** Monday 2 March 2026: New York changes clocks on 8 March, London on 29 March. */
const NOW = new Date("2026-03-02T12:00:00Z");
const PUBLIC_URL = "https://hearth.example.org";
const HOST = { email: "host@example.org", password: "a long host password", displayName: "Robin (host)" };

interface ParsedEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
  url: string;
  status: string;
  sequence: number;
  alarms: number[];
}

/** Parses with ical.js (an independent parser) and returns the calendar's properties and events. */
function parseCalendar(text: string): { props: Record<string, string>; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const props: Record<string, string> = {};
  for (const p of calendar.getAllProperties()) props[p.name] = String(p.getFirstValue());
  const events = calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: String(v.getFirstPropertyValue("url") ?? ""),
      status: String(v.getFirstPropertyValue("status")),
      sequence: event.sequence,
      alarms: v.getAllSubcomponents("valarm").map((a) => -(a.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds() / 60),
    };
  });
  return { props, events };
}

/** A request with a chosen Host header (fetch cannot set one). */
function requestWithHost(url: string, host: string, body?: unknown, origin?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host, ...(origin ? { origin } : {}), ...(body ? { "content-type": "application/json" } : {}) };
    const req = http.request(url, { method: body ? "POST" : "GET", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
const getWithHost = (url: string, host: string) => requestWithHost(url, host);

describe("calendar files, read by ical.js", () => {
  let api: ScheduleApi;
  let host: Agent;
  const anyone = () => new Agent(api.url);

  async function newCircle(title: string, series: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const circle = await host.post<{ circle: { id: string; inviteToken: string } }>("/api/host/circles", {
      title,
      description: "Bring tea; sit, listen.\nSecond line, with ünïcödé ☕",
      language: "en",
      capacity: 2,
      visibility: "public",
      ...extra,
    });
    expect(circle.status).toBe(201);
    const created = await host.post<{ series: { id: string }; upcoming: { id: string; start: string }[] }>(
      `/api/host/circles/${circle.body.circle.id}/series`,
      series,
    );
    expect(created.status).toBe(201);
    return { circle: circle.body.circle, upcoming: created.body.upcoming, seriesId: created.body.series.id };
  }

  beforeAll(async () => {
    api = await startScheduleApi({ dataDir: ":memory:" }, NOW, { publicUrl: PUBLIC_URL });
    host = new Agent(api.url);
    expect((await host.post("/api/setup", HOST)).status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe("when a session is downloaded", () => {
    it("gives instants that keep 19:00 local across New York's clock change, links from PUBLIC_URL, alarms and escaping", async () => {
      const { upcoming } = await newCircle("Dads; after, together — Café", {
        repeat: "weekly",
        startDate: "2026-03-05",
        startTime: "19:00",
        timeZone: "america/new_york",
        durationMinutes: 60,
      });
      expect(upcoming.slice(0, 2).map((s) => s.start)).toEqual(["2026-03-06T00:00:00.000Z", "2026-03-12T23:00:00.000Z"]);
      for (const [index, start] of ["2026-03-06T00:00:00.000Z", "2026-03-12T23:00:00.000Z"].entries()) {
        const reply = await getWithHost(`${api.url}/api/sessions/${upcoming[index]!.id}/calendar.ics`, "evil.example");
        expect(reply.status).toBe(200);
        const [event] = parseCalendar(reply.text).events;
        expect(event!.start).toBe(start);
        expect(event!.uid).toBe(`${upcoming[index]!.id}@hearth.example.org`);
        expect(event!.summary).toBe("Dads; after, together — Café");
        expect(event!.location).toBe(`${PUBLIC_URL}/sessions/${upcoming[index]!.id}`);
        expect(event!.description).toContain("Bring tea; sit, listen.\nSecond line, with ünïcödé ☕");
        expect(event!.description).toContain(`Join: ${PUBLIC_URL}/sessions/${upcoming[index]!.id}`);
        expect(event!.alarms).toEqual([60, 10]);
        expect(reply.text).not.toContain("evil.example");
      }
    });

    it("names the file with filename* so a non-ASCII title keeps its name, plus an ASCII fallback", async () => {
      const { upcoming } = await newCircle("Pères en deuil", { repeat: "once", startDate: "2026-03-10", startTime: "18:00", timeZone: "Europe/Paris", durationMinutes: 60 });
      const reply = await anyone().get(`/api/sessions/${upcoming[0]!.id}/calendar.ics?alarms=none`);
      const disposition = reply.headers.get("content-disposition")!;
      expect(disposition).toContain(`filename*=UTF-8''P%C3%A8res%20en%20deuil.ics`);
      expect(disposition).toMatch(/filename="Peres en deuil\.ics"/);
      expect(parseCalendar(reply.text).events[0]!.alarms).toEqual([]);
    });

    it("refuses an unknown query parameter or bad alarms with a 400", async () => {
      const { upcoming } = await newCircle("Alarm circle", { repeat: "once", startDate: "2026-03-10", startTime: "18:00", timeZone: "Europe/Paris", durationMinutes: 60 });
      const bad = await anyone().get(`/api/sessions/${upcoming[0]!.id}/calendar.ics?alarms=soon`);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ fields: { alarms: expect.any(String) } });
      const unknown = await anyone().get<{ error: string }>(`/api/sessions/${upcoming[0]!.id}/calendar.ics?alarm=60`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toContain('"alarm" is not a field here (did you mean "alarms"?)');
    });
  });

  describe("when a session is moved, cancelled and restored", () => {
    it("raises SEQUENCE at every step, so a calendar that saw it cancelled takes it back", async () => {
      const { circle, upcoming } = await newCircle("Sequence circle", { repeat: "weekly", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60 });
      const id = upcoming[1]!.id;
      const seen: { sequence: number; status: string; start: string }[] = [];
      const look = async () => {
        const single = parseCalendar((await anyone().get(`/api/sessions/${id}/calendar.ics`)).text).events[0]!;
        const feed = parseCalendar((await anyone().get(`/api/circles/${circle.id}/calendar.ics`)).text).events.find((e) => e.uid === single.uid)!;
        expect(feed).toMatchObject({ sequence: single.sequence, status: single.status, start: single.start });
        seen.push({ sequence: single.sequence, status: single.status, start: single.start });
      };
      await look();
      expect((await host.patch(`/api/host/sessions/${id}`, { action: "move", start: "2026-03-12T20:00:00Z" })).status).toBe(200);
      await look();
      expect((await host.patch(`/api/host/sessions/${id}`, { action: "cancel" })).status).toBe(200);
      await look();
      expect((await host.patch(`/api/host/sessions/${id}`, { action: "restore" })).status).toBe(200);
      await look();
      expect((await host.patch(`/api/host/circles/${circle.id}`, { title: "Sequence circle, renamed" })).status).toBe(200);
      await look();
      expect(seen.map((s) => s.status)).toEqual(["CONFIRMED", "CONFIRMED", "CANCELLED", "CONFIRMED", "CONFIRMED"]);
      expect(seen[1]!.start).toBe("2026-03-12T20:00:00.000Z");
      expect(seen[3]!.start).toBe("2026-03-12T19:00:00.000Z");
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.sequence).toBeGreaterThan(seen[i - 1]!.sequence);
    });
  });

  describe("when a session is skipped", () => {
    it("stays in the circle's feed as a cancelled event, and its own file still answers", async () => {
      const { circle, upcoming } = await newCircle("Skip circle", { repeat: "weekly", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60 });
      const id = upcoming[2]!.id;
      expect((await host.patch(`/api/host/sessions/${id}`, { action: "skip" })).status).toBe(200);
      const feed = await anyone().get(`/api/circles/${circle.id}/calendar.ics`);
      const parsed = parseCalendar(feed.text);
      const skipped = parsed.events.find((e) => e.uid === `${id}@hearth.example.org`)!;
      expect(skipped).toMatchObject({ status: "CANCELLED", start: "2026-03-19T19:00:00.000Z" });
      expect(skipped.sequence).toBeGreaterThan(0);
      expect(parsed.events.find((e) => e.start === "2026-04-02T18:00:00.000Z")).toBeTruthy(); // 19:00 BST
      expect(parsed.props["refresh-interval"]).toBe("PT1H");
      expect(parsed.props["x-published-ttl"]).toBe("PT1H");
      const single = await anyone().get(`/api/sessions/${id}/calendar.ics`);
      expect(single.status).toBe(200);
      expect(parseCalendar(single.text).events[0]!.status).toBe("CANCELLED");
    });
  });

  describe("when a participant subscribes to their own feed", () => {
    it("shows their registered and waitlisted sessions, answers only to its token, and is revoked and forgotten", async () => {
      const { upcoming } = await newCircle("Personal feed circle", { repeat: "weekly", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60 }, { visibility: "invite" });
      const me = newParticipantKey();
      const others = [newParticipantKey(), newParticipantKey()];
      const circleToken = (await host.get<{ circles: { id: string; title: string; inviteToken: string }[] }>("/api/host/circles")).body.circles.find((c) => c.title === "Personal feed circle")!.inviteToken;
      const register = (session: string, pseudonym: string, key: string) =>
        anyone().post<RegistrationResponse>(`/api/sessions/${session}/registrations`, { pseudonym, invite: circleToken }, { "x-participant-key": key });
      expect((await register(upcoming[0]!.id, "Calm Heron", me)).body.registration.status).toBe("registered");
      expect((await register(upcoming[1]!.id, "Quiet Fox", others[0]!)).status).toBe(201);
      expect((await register(upcoming[1]!.id, "Bold Lark", others[1]!)).status).toBe(201);
      expect((await register(upcoming[1]!.id, "Calm Heron", me)).body.registration.status).toBe("waitlisted");

      const made = await anyone().post<{ url: string }>("/api/me/calendar-feed", {}, { "x-participant-key": me });
      expect(made.status).toBe(201);
      const token = made.body.url.split("/").pop()!.replace(".ics", "");
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(made.body.url.startsWith(`${PUBLIC_URL}/api/calendars/mine/`)).toBe(true);
      const path = new URL(made.body.url).pathname;
      const feed = parseCalendar((await anyone().get(path)).text);
      expect(feed.events.map((e) => [e.start, e.status, e.summary])).toEqual([
        ["2026-03-05T19:00:00.000Z", "CONFIRMED", "Personal feed circle"],
        ["2026-03-12T19:00:00.000Z", "TENTATIVE", "Waitlist: Personal feed circle"],
      ]);
      expect(feed.events[0]!.location).toContain(`?invite=${circleToken}`);
      expect(feed.events[0]!.alarms).toEqual([60, 10]);

      // A place opens: the waitlisted event becomes confirmed with a higher SEQUENCE.
      const theirs = (await anyone().get<{ registrations: { id: string }[] }>("/api/me/registrations", { "x-participant-key": others[0]! })).body.registrations[0]!;
      expect((await anyone().delete(`/api/me/registrations/${theirs.id}`, { "x-participant-key": others[0]! })).status).toBe(200);
      const after = parseCalendar((await anyone().get(path)).text).events[1]!;
      expect(after.status).toBe("CONFIRMED");
      expect(after.sequence).toBeGreaterThan(feed.events[1]!.sequence);

      expect((await anyone().get(`/api/calendars/mine/${"A".repeat(43)}.ics`)).status).toBe(404);
      const remade = await anyone().post<{ url: string }>("/api/me/calendar-feed", {}, { "x-participant-key": me });
      expect((await anyone().get(path)).status).toBe(404); // the old URL stopped working
      const newPath = new URL(remade.body.url).pathname;
      expect((await anyone().get(newPath)).status).toBe(200);
      expect((await anyone().delete("/api/me/calendar-feed", { "x-participant-key": me })).status).toBe(204);
      expect((await anyone().get(newPath)).status).toBe(404);

      const again = new URL((await anyone().post<{ url: string }>("/api/me/calendar-feed", {}, { "x-participant-key": me })).body.url).pathname;
      const exported = await anyone().get<{ calendarFeed: unknown }>("/api/me/export", { "x-participant-key": me });
      expect(exported.body.calendarFeed).toEqual({ createdAt: NOW.toISOString() });
      expect(exported.text).not.toContain(again.split("/").pop()!.replace(".ics", ""));
      expect((await anyone().delete("/api/me", { "x-participant-key": me })).status).toBe(200);
      expect((await anyone().get(again)).status).toBe(404);
    });
  });
});

describe("absolute links without PUBLIC_URL", () => {
  let api: ScheduleApi;
  beforeAll(async () => {
    api = await startScheduleApi({ dataDir: ":memory:" }, NOW);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("are built from the address setup came from, whatever Host a later request sends", async () => {
    const host = new Agent(api.url);
    const early = await host.post("/api/host/invitations", {});
    expect(early.status).toBe(401);
    const setup = await requestWithHost(`${api.url}/api/setup`, "hearth.lan:8080", HOST, "http://hearth.lan:8080");
    expect(setup.status).toBe(201);
    expect((await host.post("/api/auth/sign-in", { email: HOST.email, password: HOST.password })).status).toBe(200);
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", { title: "Links", language: "en", capacity: 4, visibility: "invite" });
    const detail = await host.get<{ inviteUrl: string }>(`/api/host/circles/${circle.body.circle.id}`, { host: "evil.example" });
    expect(detail.body.inviteUrl.startsWith(`http://hearth.lan:8080/circles/${circle.body.circle.id}?invite=`)).toBe(true);
    const invitation = await host.post<{ url: string }>("/api/host/invitations", {});
    expect(invitation.body.url.startsWith("http://hearth.lan:8080/invite/")).toBe(true);
    const later = await requestWithHost(`${api.url}/api/setup`, "evil.example", { ...HOST, email: "x@example.org" }, "http://evil.example");
    expect(later.status).toBe(409);
    expect((await host.post<{ url: string }>("/api/host/invitations", {})).body.url.startsWith("http://hearth.lan:8080/")).toBe(true);
  });

  it("answers 503 with what to do while the deployment has no address", async () => {
    const bare = await startScheduleApi({ dataDir: ":memory:" }, NOW);
    try {
      const key = newParticipantKey();
      const reply = await new Agent(bare.url).post("/api/me/calendar-feed", {}, { "x-participant-key": key });
      expect(reply.status).toBe(503);
      expect(JSON.stringify(reply.body)).toContain("PUBLIC_URL");
    } finally {
      await bare.close();
    }
  });
});
