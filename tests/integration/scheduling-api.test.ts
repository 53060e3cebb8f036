import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/accounts/accounts-store.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { banParticipant } from "../../server/safety/bans.ts";
import { sha256 } from "../../server/store/ids.ts";
import type { BanView, HostSession, MyRegistrationsResponse, RegistrationResponse, SessionResponse, SessionsResponse } from "../../shared/scheduling-api.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "./support/schedule-api.ts";

/** Monday 2 March 2026, noon UTC: before the clocks change in Europe (29 March). */
const NOW = new Date("2026-03-02T12:00:00Z");
const HOST = { email: "host@example.org", password: "a long host password", displayName: "Robin (host)" };
const WEEKLY_THURSDAY = {
  repeat: "weekly",
  startDate: "2026-03-05",
  startTime: "19:00",
  timeZone: "Europe/London",
  durationMinutes: 90,
  lobbyOpenMinutes: 15,
};

type StoreKind = "PGlite" | "PostgreSQL";

describe.each<StoreKind>(["PGlite", "PostgreSQL"])("the scheduling API on %s", (kind) => {
  let postgres: TestPostgres | undefined;
  let dataDir: string | undefined;
  let api: ScheduleApi;
  let host: Agent;
  let anyone: Agent;

  const circleInput = (overrides: Record<string, unknown> = {}) => ({
    title: "Fathers after separation",
    description: "A circle for dads finding their feet.",
    topicTags: ["fathers", "separation"],
    language: "en",
    agreements: "What is said here stays here.",
    capacity: 8,
    visibility: "public",
    ...overrides,
  });

  async function newCircleWithWeekly(overrides: Record<string, unknown> = {}, series: Record<string, unknown> = WEEKLY_THURSDAY) {
    const circle = await host.post<{ circle: { id: string; inviteToken: string } }>("/api/host/circles", circleInput(overrides));
    expect(circle.status).toBe(201);
    const created = await host.post<{ series: { id: string }; upcoming: { id: string; start: string }[] }>(
      `/api/host/circles/${circle.body.circle.id}/series`,
      series,
    );
    expect(created.status).toBe(201);
    return { circle: circle.body.circle, series: created.body.series, upcoming: created.body.upcoming };
  }

  const participant = () => {
    const key = newParticipantKey();
    return { key, headers: { "x-participant-key": key } };
  };

  async function registerAs(sessionId: string, pseudonym: string, key = newParticipantKey()) {
    return anyone.post<RegistrationResponse>(`/api/sessions/${sessionId}/registrations`, { pseudonym }, { "x-participant-key": key });
  }

  beforeAll(async () => {
    if (kind === "PostgreSQL") {
      postgres = await startTestPostgres();
      api = await startScheduleApi({ databaseUrl: postgres.url, dataDir: "" }, NOW);
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "hearth-pglite-"));
      api = await startScheduleApi({ dataDir }, NOW);
    }
    host = new Agent(api.url);
    anyone = new Agent(api.url);
  });

  afterAll(async () => {
    await api?.close();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe("on first run", () => {
    it("creates the first host through the setup page, and only the first", async () => {
      expect((await anyone.get("/api/setup")).body).toEqual({ needed: true });
      const created = await host.post("/api/setup", HOST);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ account: { email: HOST.email, role: "host" }, csrfToken: expect.any(String) });
      expect(host.cookie).toMatch(/^hearth_session=/);
      expect(created.headers.get("set-cookie")).toMatch(/HttpOnly/i);
      expect(created.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);

      const again = await new Agent(api.url).post("/api/setup", { ...HOST, email: "second@example.org" });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatch(/already has a host/);
      expect((await anyone.get("/api/setup")).body).toEqual({ needed: false });
    });

    it("signs the host in again with email and password", async () => {
      const agent = new Agent(api.url, { "x-forwarded-for": "10.0.0.1" });
      const signedIn = await agent.post("/api/auth/sign-in", { email: HOST.email.toUpperCase(), password: HOST.password });
      expect(signedIn.status).toBe(200);
      expect((await agent.get("/api/auth/me")).body).toMatchObject({ account: { email: HOST.email } });
      expect((await agent.post("/api/auth/sign-out")).status).toBe(204);
      expect((await agent.get("/api/auth/me")).body).toEqual({ account: null, csrfToken: null });
    });
  });

  describe("when a host creates a circle", () => {
    it("answers wrong input with a message per field", async () => {
      const reply = await host.post("/api/host/circles", circleInput({ title: "", capacity: 20, language: "English", topicTags: ["ok", "!!"] }));
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({
        error: expect.any(String),
        fields: {
          title: expect.stringMatching(/title/),
          capacity: expect.stringMatching(/at most 16/),
          language: expect.stringMatching(/language code/),
          "topicTags.1": expect.any(String),
        },
      });
    });

    it("refuses a schedule in an unknown time zone, naming the field", async () => {
      const { circle } = await newCircleWithWeekly();
      const reply = await host.post(`/api/host/circles/${circle.id}/series`, { ...WEEKLY_THURSDAY, timeZone: "Europe/Atlantis", durationMinutes: 5 });
      expect(reply.status).toBe(400);
      expect(reply.body.fields).toMatchObject({ durationMinutes: expect.any(String) });
      const zone = await host.post(`/api/host/circles/${circle.id}/series`, { ...WEEKLY_THURSDAY, timeZone: "Europe/Atlantis" });
      expect(zone.body.fields).toEqual({ timeZone: expect.any(String) });
    });

    it("lists its weekly sessions at 19:00 London time, in UTC, with the circle's zone", async () => {
      const { upcoming } = await newCircleWithWeekly();
      expect(upcoming.slice(0, 5).map((s) => s.start)).toEqual([
        "2026-03-05T19:00:00.000Z",
        "2026-03-12T19:00:00.000Z",
        "2026-03-19T19:00:00.000Z",
        "2026-03-26T19:00:00.000Z",
        "2026-04-02T18:00:00.000Z",
      ]);
      const detail = await anyone.get<SessionResponse>(`/api/sessions/${upcoming[0]!.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.session).toMatchObject({
        timeZone: "Europe/London",
        status: "scheduled",
        start: "2026-03-05T19:00:00.000Z",
        end: "2026-03-05T20:30:00.000Z",
        lobbyOpensAt: "2026-03-05T18:45:00.000Z",
        placesLeft: 8,
      });
      expect(detail.body.serverNow).toBe(NOW.toISOString());
    });
  });

  describe("when people browse upcoming public sessions", () => {
    let griefSession: string;
    beforeAll(async () => {
      const grief = await newCircleWithWeekly(
        { title: "Grief, gently", topicTags: ["grief"], language: "fr" },
        { ...WEEKLY_THURSDAY, repeat: "once", startDate: "2026-03-07", startTime: "07:00", timeZone: "Europe/Paris" },
      );
      griefSession = grief.upcoming[0]!.id;
      await newCircleWithWeekly({ title: "Hidden", topicTags: ["grief"], language: "fr", visibility: "invite" }, { ...WEEKLY_THURSDAY, startDate: "2026-03-07", repeat: "once" });
    });

    it("filters by topic and language, and never shows invite-only circles", async () => {
      const reply = await anyone.get<SessionsResponse>("/api/sessions?topic=grief&language=fr");
      expect(reply.status).toBe(200);
      expect(reply.body.sessions.map((s) => s.id)).toEqual([griefSession]);
      expect(reply.body.sessions[0]!.circle.title).toBe("Grief, gently");
    });

    it("filters by day in the viewer's own time zone", async () => {
      // 07:00 in Paris on the 7th is 22:00 on the 6th in Los Angeles.
      const la = await anyone.get<SessionsResponse>("/api/sessions?day=2026-03-06&tz=America/Los_Angeles&topic=grief");
      expect(la.body.sessions.map((s) => s.id)).toEqual([griefSession]);
      const paris = await anyone.get<SessionsResponse>("/api/sessions?day=2026-03-06&tz=Europe/Paris&topic=grief");
      expect(paris.body.sessions).toEqual([]);
    });

    it("answers a malformed filter with a field error", async () => {
      const reply = await anyone.get("/api/sessions?day=tomorrow&tz=Nowhere/Place");
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.fields as object).sort()).toEqual(["day", "tz"]);
    });
  });

  describe("when a host changes single sessions", () => {
    it("cancels one: it stays listed, flagged, and takes no registrations", async () => {
      const { upcoming } = await newCircleWithWeekly();
      const target = upcoming[1]!.id;
      const cancelled = await host.patch(`/api/host/sessions/${target}`, { action: "cancel" });
      expect(cancelled.status).toBe(200);
      const detail = await anyone.get<SessionResponse>(`/api/sessions/${target}`);
      expect(detail.body.session.status).toBe("cancelled");
      const reply = await registerAs(target, "Quiet Otter");
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ error: expect.stringMatching(/cancelled/) });
    });

    it("skips one: it disappears from the public schedule but not from the host's", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ title: "Skip test", topicTags: ["skiptest"] });
      await host.patch(`/api/host/sessions/${upcoming[0]!.id}`, { action: "skip" });
      const publicList = await anyone.get<SessionsResponse>("/api/sessions?topic=skiptest");
      expect(publicList.body.sessions.map((s) => s.id)).not.toContain(upcoming[0]!.id);
      expect((await anyone.get(`/api/sessions/${upcoming[0]!.id}`)).status).toBe(404);
      const hostList = await host.get<{ sessions: HostSession[] }>(`/api/host/circles/${circle.id}/sessions`);
      expect(hostList.body.sessions.find((s) => s.id === upcoming[0]!.id)?.status).toBe("skipped");
    });

    it("moves one: same id, new time", async () => {
      const { upcoming } = await newCircleWithWeekly();
      const target = upcoming[2]!.id;
      const moved = await host.patch<{ session: { start: string; moved: boolean } }>(`/api/host/sessions/${target}`, { action: "move", start: "2026-03-20T18:00:00Z" });
      expect(moved.status).toBe(200);
      expect(moved.body.session).toMatchObject({ start: "2026-03-20T18:00:00.000Z", moved: true });
      const tooFar = await host.patch(`/api/host/sessions/${target}`, { action: "move", start: "2027-03-20T18:00:00Z" });
      expect(tooFar.status).toBe(400);
      expect(tooFar.body.fields).toHaveProperty("start");
    });
  });

  describe("when a session fills up", () => {
    it("puts later people on the waitlist and promotes the first when someone cancels", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ capacity: 2 });
      const sessionId = upcoming[0]!.id;
      const [a, b, c, d] = [participant(), participant(), participant(), participant()];
      const ra = await registerAs(sessionId, "Quiet Otter", a.key);
      expect(ra.status).toBe(201);
      expect(ra.body.registration.status).toBe("registered");
      expect((await registerAs(sessionId, "Steady Heron", b.key)).body.registration.status).toBe("registered");
      const rc = await registerAs(sessionId, "Gentle Oak", c.key);
      expect(rc.body.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
      expect((await registerAs(sessionId, "Warm Ember", d.key)).body.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });

      // Registering again with the same key changes nothing.
      const again = await registerAs(sessionId, "Quiet Otter", a.key);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ alreadyRegistered: true, registration: { id: ra.body.registration.id } });

      const cancel = await anyone.delete(`/api/me/registrations/${ra.body.registration.id}`, a.headers);
      expect(cancel.status).toBe(200);
      expect(cancel.body).toMatchObject({ registration: { status: "cancelled" }, promoted: 1 });

      const mine = await anyone.get<MyRegistrationsResponse>("/api/me/registrations", c.headers);
      expect(mine.body.registrations).toMatchObject([{ id: rc.body.registration.id, status: "registered", waitlistPosition: null }]);
      const dMine = await anyone.get<MyRegistrationsResponse>("/api/me/registrations", d.headers);
      expect(dMine.body.registrations[0]).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });

      const counts = await host.get<{ sessions: HostSession[] }>(`/api/host/circles/${circle.id}/sessions`);
      expect(counts.body.sessions.find((s) => s.id === sessionId)?.counts).toEqual({ registered: 2, waitlisted: 1, cancelled: 1 });
    });

    it("refuses a pseudonym someone registered for the same session already uses", async () => {
      const { upcoming } = await newCircleWithWeekly();
      await registerAs(upcoming[0]!.id, "Bright Fox");
      const reply = await registerAs(upcoming[0]!.id, "  bright   FOX ");
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ fields: { pseudonym: expect.stringMatching(/already called/) } });
    });

    it("lets the host add places, which moves the waitlist up", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ capacity: 2 });
      const sessionId = upcoming[0]!.id;
      for (const name of ["Ann", "Ben", "Cat", "Dan"]) await registerAs(sessionId, name);
      await host.patch(`/api/host/circles/${circle.id}`, { capacity: 3 });
      const counts = await host.get<{ sessions: HostSession[] }>(`/api/host/circles/${circle.id}/sessions`);
      expect(counts.body.sessions.find((s) => s.id === sessionId)?.counts).toMatchObject({ registered: 3, waitlisted: 1 });
    });
  });

  describe("when many people register at the same moment", () => {
    it("gives the last places to exactly as many as there are places", async () => {
      const { upcoming } = await newCircleWithWeekly({ capacity: 5 });
      const sessionId = upcoming[0]!.id;
      for (const name of ["First One", "Second One", "Third One"]) await registerAs(sessionId, name);
      const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => registerAs(sessionId, `Rush ${i + 1}`)));
      expect(replies.every((r) => r.status === 201)).toBe(true);
      const statuses = replies.map((r) => r.body.registration.status);
      expect(statuses.filter((s) => s === "registered")).toHaveLength(2);
      expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(14);
      const positions = replies.map((r) => r.body.registration.waitlistPosition).filter((p) => p !== null).sort((x, y) => x! - y!);
      expect(positions).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    });

    it("of two registrations for the last place, exactly one gets it", async () => {
      for (let round = 0; round < 5; round++) {
        const { upcoming } = await newCircleWithWeekly({ capacity: 2 });
        const sessionId = upcoming[0]!.id;
        await registerAs(sessionId, "Early Bird");
        const [x, y] = await Promise.all([registerAs(sessionId, "Left Twin"), registerAs(sessionId, "Right Twin")]);
        expect([x.body.registration.status, y.body.registration.status].sort()).toEqual(["registered", "waitlisted"]);
      }
    });
  });

  describe("security", () => {
    let facilitator: Agent;
    let otherHost: Agent;
    let circleId: string;

    beforeAll(async () => {
      ({ circle: { id: circleId } } = await newCircleWithWeekly());
      const invitation = await host.post<{ url: string }>("/api/host/invitations", { circleId });
      expect(invitation.status).toBe(201);
      const token = invitation.body.url.split("/invite/")[1]!;
      facilitator = new Agent(api.url);
      expect((await facilitator.get(`/api/invitations/${token}`)).body).toMatchObject({ hostName: HOST.displayName, circleTitle: expect.any(String) });
      const accepted = await facilitator.post(`/api/invitations/${token}/accept`, { email: "fac@example.org", password: "facilitator password", displayName: "Sam" });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ account: { role: "facilitator" } });
      const reused = await new Agent(api.url).post(`/api/invitations/${token}/accept`, { email: "fac2@example.org", password: "facilitator password", displayName: "Al" });
      expect(reused.status).toBe(409);

      await createAccount(api.db, { email: "other@example.org", password: "other host password", displayName: "Other", role: "host" }, NOW);
      otherHost = new Agent(api.url, { "x-forwarded-for": "10.0.0.2" });
      expect((await otherHost.post("/api/auth/sign-in", { email: "other@example.org", password: "other host password" })).status).toBe(200);
    });

    it("does not let a facilitator edit a host's circle", async () => {
      const reply = await facilitator.patch(`/api/host/circles/${circleId}`, { title: "Mine now" });
      expect(reply.status).toBe(403);
      expect(reply.body.error).toMatch(/Only hosts/);
    });

    it("does not let another host read or edit the circle", async () => {
      expect((await otherHost.patch(`/api/host/circles/${circleId}`, { title: "Mine now" })).status).toBe(403);
      const read = await otherHost.get(`/api/host/circles/${circleId}`);
      expect(read.status).toBe(403);
      expect(read.body.error).toMatch(/another host/);
      expect((await otherHost.get<{ circles: unknown[] }>("/api/host/circles")).body.circles).toEqual([]);
    });

    it("lists the circle's sessions for its facilitator", async () => {
      const reply = await facilitator.get<{ sessions: { circle: { id: string } }[] }>("/api/facilitate/sessions");
      expect(reply.status).toBe(200);
      expect(reply.body.sessions.length).toBeGreaterThan(0);
      expect(reply.body.sessions.every((s) => s.circle.id === circleId)).toBe(true);
    });

    it("shows a participant key only its own registrations", async () => {
      const { upcoming } = await newCircleWithWeekly();
      const [a, b] = [participant(), participant()];
      const mine = await registerAs(upcoming[0]!.id, "Owner Person", a.key);
      await registerAs(upcoming[0]!.id, "Other Person", b.key);
      const seenByB = await anyone.get<MyRegistrationsResponse>("/api/me/registrations", b.headers);
      expect(seenByB.body.registrations.map((r) => r.pseudonym)).toEqual(["Other Person"]);
      expect((await anyone.delete(`/api/me/registrations/${mine.body.registration.id}`, b.headers)).status).toBe(404);
      expect((await anyone.get("/api/me/registrations")).status).toBe(401);
      expect((await anyone.get("/api/me/registrations", { "x-participant-key": "short" })).status).toBe(400);
    });

    it("limits sign-in attempts per address and email, and says when to try again", async () => {
      const agent = new Agent(api.url, { "x-forwarded-for": "10.9.9.9" });
      for (let i = 0; i < 5; i++) {
        expect((await agent.post("/api/auth/sign-in", { email: HOST.email, password: "wrong password" })).status).toBe(401);
      }
      const limited = await agent.post("/api/auth/sign-in", { email: HOST.email, password: HOST.password });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another address is not held back by this one.
      const elsewhere = new Agent(api.url, { "x-forwarded-for": "10.9.9.10" });
      expect((await elsewhere.post("/api/auth/sign-in", { email: HOST.email, password: HOST.password })).status).toBe(200);
      api.clock.advance(61_000);
      expect((await agent.post("/api/auth/sign-in", { email: HOST.email, password: HOST.password })).status).toBe(200);
    });

    it("refuses a cookie-authenticated change without the CSRF token, or from another site", async () => {
      const noToken = await host.request("PATCH", `/api/host/circles/${circleId}`, { title: "Changed" }, { "x-csrf-token": "" });
      expect(noToken.status).toBe(403);
      expect(noToken.body.error).toMatch(/CSRF/);
      const crossSite = await host.request("PATCH", `/api/host/circles/${circleId}`, { title: "Changed" }, { origin: "https://evil.example" });
      expect(crossSite.status).toBe(403);
      const detail = await host.get<{ circle: { title: string } }>(`/api/host/circles/${circleId}`);
      expect(detail.body.circle.title).not.toBe("Changed");
    });

    it("answers 401 to a host page without a session", async () => {
      expect((await anyone.get("/api/host/circles")).status).toBe(401);
    });
  });

  describe("invite-only circles", () => {
    it("are reached only with their invite link", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ visibility: "invite" });
      const sessionId = upcoming[0]!.id;
      expect((await anyone.get(`/api/sessions/${sessionId}`)).status).toBe(404);
      const withLink = await anyone.get<SessionResponse>(`/api/sessions/${sessionId}?invite=${encodeURIComponent(circle.inviteToken)}`);
      expect(withLink.status).toBe(200);
      expect(withLink.body.calendar.session).toContain("invite=");
      expect((await registerAs(sessionId, "No Link")).status).toBe(404);
      const registered = await anyone.post<RegistrationResponse>(
        `/api/sessions/${sessionId}/registrations`,
        { pseudonym: "Has Link", invite: circle.inviteToken },
        { "x-participant-key": newParticipantKey() },
      );
      expect(registered.status).toBe(201);
      expect(registered.body.joinPath).toContain("invite=");
    });
  });

  describe("a participant's own data", () => {
    it("exports everything tied to the key and forgets it on request, freeing places for the waitlist", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ capacity: 2 });
      const me = participant();
      await registerAs(upcoming[0]!.id, "Leaving Soon", me.key);
      await registerAs(upcoming[1]!.id, "Leaving Soon", me.key);
      await registerAs(upcoming[0]!.id, "Someone Else");
      const waiting = participant();
      await registerAs(upcoming[0]!.id, "Waiting Person", waiting.key);

      const exported = await anyone.get<{ registrations: { pseudonym: string }[]; bans: unknown[] }>("/api/me/export", me.headers);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toMatch(/attachment/);
      expect(exported.body.registrations).toHaveLength(2);

      const forgotten = await anyone.delete("/api/me", me.headers);
      expect(forgotten.body).toEqual({ deleted: { registrations: 2, bans: 0, blocks: 0, calendarFeeds: 0, pushSubscriptions: 0 } });
      expect((await anyone.get<MyRegistrationsResponse>("/api/me/registrations", me.headers)).body.registrations).toEqual([]);
      expect((await anyone.get<{ registrations: unknown[] }>("/api/me/export", me.headers)).body.registrations).toEqual([]);
      const promoted = await anyone.get<MyRegistrationsResponse>("/api/me/registrations", waiting.headers);
      expect(promoted.body.registrations[0]?.status).toBe("registered");
      const rows = await api.db.query("SELECT 1 FROM registrations r JOIN session_occurrences o ON o.id = r.occurrence_id JOIN session_series s ON s.id = o.series_id WHERE s.circle_id = $1 AND r.pseudonym = $2", [circle.id, "Leaving Soon"]);
      expect(rows).toEqual([]);
    });
  });

  describe("calendars", () => {
    it("downloads one session and subscribes to a circle, in UTC with stable UIDs", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ title: "Work stress; evenings, online" });
      await host.patch(`/api/host/sessions/${upcoming[1]!.id}`, { action: "cancel" });
      const one = await anyone.get(`/api/sessions/${upcoming[0]!.id}/calendar.ics`);
      expect(one.status).toBe(200);
      expect(one.headers.get("content-type")).toMatch(/^text\/calendar/);
      expect(one.text).toContain("DTSTART:20260305T190000Z\r\n");
      expect(one.text).toContain(`UID:${upcoming[0]!.id}@127.0.0.1\r\n`); // the deployment's domain (kept from setup)
      expect(one.text).toContain("SUMMARY:Work stress\\; evenings\\, online\r\n");

      const feed = await anyone.get(`/api/circles/${circle.id}/calendar.ics`);
      expect(feed.status).toBe(200);
      expect(feed.text.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThan(40);
      expect(feed.text).toContain("DTSTART:20260402T180000Z"); // after the clocks change: still 19:00 in London
      expect(feed.text).toContain("STATUS:CANCELLED");
      const again = await anyone.get(`/api/circles/${circle.id}/calendar.ics`);
      const uids = (text: string) => text.match(/^UID:.*$/gm);
      expect(uids(again.text)).toEqual(uids(feed.text));
    });
  });

  describe("bans", () => {
    it("shows the host a circle's bans without saying who was banned, and lifts one, audited", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ title: "Circle with a ban" });
      const banned = participant();
      const ownerId = (await host.get<{ circle: { ownerId: string } }>(`/api/host/circles/${circle.id}`)).body.circle.ownerId;
      await banParticipant(api.db, circle.id, sha256(banned.key), ownerId, NOW);
      expect((await registerAs(upcoming[0]!.id, "Brave Wren", banned.key)).status).toBe(403);

      const listed = await host.get<{ bans: BanView[] }>(`/api/host/circles/${circle.id}/bans`);
      expect(listed.status).toBe(200);
      expect(listed.body.bans).toEqual([{ id: expect.any(String), bannedAt: NOW.toISOString(), bannedBy: HOST.displayName }]);
      expect(listed.text).not.toContain(sha256(banned.key));
      expect((await anyone.get(`/api/host/circles/${circle.id}/bans`)).status).toBe(401);

      const [ban] = listed.body.bans;
      expect((await host.delete(`/api/host/circles/${circle.id}/bans/${ban!.id}`)).status).toBe(204);
      expect((await host.get<{ bans: BanView[] }>(`/api/host/circles/${circle.id}/bans`)).body.bans).toEqual([]);
      expect((await registerAs(upcoming[0]!.id, "Brave Wren", banned.key)).status).toBe(201);
      const lifted = await host.delete(`/api/host/circles/${circle.id}/bans/${ban!.id}`);
      expect(lifted.status).toBe(404);
      const audit = await host.get<{ entries: { action: string }[] }>(`/api/host/audit?circleId=${circle.id}`);
      expect(audit.body.entries.map((e) => e.action)).toContain("ban.lifted");
    });
  });

  describe("the audit log", () => {
    it("records who did what to which circle and session, and nothing anyone wrote", async () => {
      const { circle, upcoming } = await newCircleWithWeekly({ title: "Audited circle" });
      await host.patch(`/api/host/sessions/${upcoming[0]!.id}`, { action: "cancel" });
      const reply = await host.get<{ entries: { action: string; actorName: string | null; sessionId: string | null }[] }>(`/api/host/audit?circleId=${circle.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body.entries.map((e) => e.action)).toEqual(["session.cancel", "series.created", "circle.created"]);
      expect(reply.body.entries[0]).toMatchObject({ actorName: HOST.displayName, sessionId: upcoming[0]!.id });
      expect(JSON.stringify(reply.body)).not.toContain("Audited circle");
    });
  });
});
