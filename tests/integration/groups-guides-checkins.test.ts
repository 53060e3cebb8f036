/**
 * Circles for groups (curated topics, "for fathers", filters by tag, language and time of day),
 * facilitator guides from templates (prompts in order, phases, cards), and anonymous check-ins
 * (counts per session and bucket only) through the real HTTP API and third-party colyseus.js clients.
 */
import { ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import type { CheckInTicket, CircleCheckIns } from "../../shared/checkins.ts";
import type { SupportFlag } from "../../shared/crisis-support.ts";
import type { CircleGuide } from "../../shared/guides.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { type ErrorReply, ServerMessage } from "../../shared/protocol.ts";
import type { HostCircle, RegistrationResponse, SessionsResponse } from "../../shared/scheduling-api.ts";
import { enterCircle } from "../support/circle-client.ts";
import { freePort } from "../support/free-port.ts";
import { waitFor } from "../support/wait.ts";
import { Agent } from "./support/schedule-api.ts";

let hearth: HearthServer;
let colyseus: ColyseusTestServer;
let baseUrl: string;
let host: Agent;
let anyone: Agent;
let facilitatorCookie: string;
const rooms: Room[] = [];

/** Fathers (es, for fathers only, 19:00 London) and bereavement (en, 09:00 London), both on Thursday 5 March 2026. */
let fathers: { circleId: string; sessionId: string };
let bereavement: { circleId: string; sessionId: string };

async function circleWithSession(fields: Record<string, unknown>, startTime: string) {
  const circle = await host.post<{ circle: HostCircle }>("/api/host/circles", { language: "en", capacity: 6, visibility: "public", ...fields });
  expect(circle.status).toBe(201);
  const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, {
    repeat: "once", startDate: "2026-03-05", startTime, timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
  });
  return { circleId: circle.body.circle.id, sessionId: series.body.upcoming[0]!.id };
}

const ids = (reply: { body: SessionsResponse }) => reply.body.sessions.map((s) => s.circle.id).sort();

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const port = await freePort();
  hearth = await startHearth(loadConfig({ PORT: String(port), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:" }));
  colyseus = new ColyseusTestServer(hearth.gameServer);
  baseUrl = `http://127.0.0.1:${port}`;
  hearth.scheduling.testClock!.set(new Date("2026-03-02T12:00:00Z"));
  host = new Agent(baseUrl);
  anyone = new Agent(baseUrl);
  expect((await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" })).status).toBe(201);
  fathers = await circleWithSession({ title: "Padres", topicTags: ["fathers", "separation-divorce"], forGroup: "fathers", language: "es", template: "classic" }, "19:00");
  bereavement = await circleWithSession({ title: "After a loss", topicTags: ["bereavement"], template: "short" }, "09:00");
  const invite = await host.post<{ url: string }>("/api/host/invitations", { circleId: fathers.circleId });
  const facilitator = new Agent(baseUrl);
  await facilitator.post(`/api/invitations/${invite.body.url.split("/invite/")[1]}/accept`, {
    email: "sam@example.org", password: "facilitator password", displayName: "Sam the facilitator",
  });
  facilitatorCookie = facilitator.cookie;
});
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined)));
  await colyseus.cleanup();
});
afterAll(() => hearth?.close());

describe("browsing circles for groups", () => {
  it("shows who a circle is for, and filters by tag (a topic or the group), language and time of day", async () => {
    const all = await anyone.get<SessionsResponse>("/api/sessions");
    expect(ids(all)).toEqual([fathers.circleId, bereavement.circleId].sort());
    expect(all.body.sessions.find((s) => s.circle.id === fathers.circleId)!.circle).toMatchObject({ forGroup: "fathers", topicTags: ["fathers", "separation-divorce"] });
    expect(all.body.sessions.find((s) => s.circle.id === bereavement.circleId)!.circle.forGroup).toBeNull();

    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?tag=fathers"))).toEqual([fathers.circleId]);
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?topic=bereavement"))).toEqual([bereavement.circleId]);
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?tag=veterans"))).toEqual([]);
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?language=es"))).toEqual([fathers.circleId]);
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?timeOfDay=evening&tz=Europe/London"))).toEqual([fathers.circleId]);
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?timeOfDay=morning&tz=Europe/London"))).toEqual([bereavement.circleId]);
    // 19:00 in London is 14:00 in New York: the viewer's own afternoon.
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?timeOfDay=afternoon&tz=America/New_York"))).toEqual([fathers.circleId]);
    expect(ids(await anyone.get<SessionsResponse>("/api/sessions?tag=fathers&timeOfDay=morning&tz=Europe/London"))).toEqual([]);
  });

  it("refuses an unknown part of the day or group, naming the field, and changes nothing", async () => {
    const teatime = await anyone.get<{ error: string; fields?: Record<string, string> }>("/api/sessions?timeOfDay=teatime");
    expect(teatime.status).toBe(400);
    expect(teatime.text).toMatch(/timeOfDay/);
    const dogs = await host.post<{ fields?: Record<string, string> }>("/api/host/circles", { title: "Dogs", language: "en", capacity: 6, visibility: "public", forGroup: "dog-owners" });
    expect(dogs.status).toBe(400);
    expect(dogs.text).toMatch(/forGroup/);
    expect((await host.get<{ circles: HostCircle[] }>("/api/host/circles")).body.circles.map((c) => c.title).sort()).toEqual(["After a loss", "Padres"]);
  });
});

describe("facilitator guides", () => {
  it("starts a circle's guide from a template in the circle's language, and lets the host edit it", async () => {
    const circle = (await host.get<{ circle: HostCircle }>(`/api/host/circles/${fathers.circleId}`)).body.circle;
    expect(circle.guide?.template).toBe("classic");
    expect(circle.guide?.steps.map((s) => s.technique)).toEqual(["welcome", "check-in", "active-listening", "i-statements", "taking-a-break", "closing-round"]);
    expect(circle.guide?.steps[1]!.title).toBe("Ronda de llegada");
    const short = (await host.get<{ circle: HostCircle }>(`/api/host/circles/${bereavement.circleId}`)).body.circle.guide!;
    expect(short.steps.map((s) => s.phase)).toEqual(["checkin", "sharing", "closing"]);

    const edited: CircleGuide = { ...short, steps: short.steps.map((s, i) => (i === 0 ? { ...s, title: "How are you arriving?", prompt: "Ask for one word each." } : s)) };
    expect((await host.patch(`/api/host/circles/${bereavement.circleId}`, { guide: edited })).status).toBe(200);
    const after = (await host.get<{ circle: HostCircle }>(`/api/host/circles/${bereavement.circleId}`)).body.circle.guide!;
    expect(after.steps[0]).toMatchObject({ title: "How are you arriving?", prompt: "Ask for one word each." });
  });

  it("refuses a broken guide with a clear error and keeps the old one", async () => {
    const before = (await host.get<{ circle: HostCircle }>(`/api/host/circles/${bereavement.circleId}`)).body.circle.guide!;
    const step = before.steps[0]!;
    for (const guide of [
      { steps: [] },
      { steps: Array.from({ length: 13 }, () => step) },
      { steps: [{ ...step, prompt: "nul\u0000byte" }] },
      { steps: [{ ...step, phase: "ended" }] },
      { steps: [{ ...step, technique: "shouting" }] },
      { steps: [{ ...step, extra: 1 }] },
    ]) {
      const reply = await host.patch(`/api/host/circles/${bereavement.circleId}`, { guide });
      expect(reply.status, JSON.stringify(guide).slice(0, 80)).toBe(400);
      expect(reply.text).toMatch(/guide/);
    }
    expect((await host.get<{ circle: HostCircle }>(`/api/host/circles/${bereavement.circleId}`)).body.circle.guide).toEqual(before);
  });
});

describe("in the circle", () => {
  async function joinFathers(options: Record<string, unknown>, listen?: (room: Room<CircleState>) => void, client: { joinOrCreate: Client["joinOrCreate"] } = colyseus.sdk) {
    return enterCircle(client, { circleId: fathers.circleId, sessionId: fathers.sessionId, ...options }, (room) => {
      rooms.push(room);
      listen?.(room);
    });
  }
  async function register(pseudonym: string) {
    const key = newParticipantKey();
    const reply = await anyone.post<RegistrationResponse>(`/api/sessions/${fathers.sessionId}/registrations`, { pseudonym }, { "x-participant-key": key });
    expect(reply.status).toBe(201);
    return key;
  }
  const facilitatorClient = () => new Client(baseUrl.replace("http", "ws"), { headers: { cookie: facilitatorCookie } });

  it("shows the facilitator the guide's prompts in order, sets each step's phase, and refuses others", async () => {
    hearth.scheduling.testClock!.set(new Date("2026-03-05T19:00:00Z"));
    const key = await register("Quiet Otter");
    const errors: ErrorReply[] = [];
    const f = await joinFathers({}, (room) => room.onMessage(ServerMessage.Error, (e: ErrorReply) => errors.push(e)), facilitatorClient());
    const pErrors: ErrorReply[] = [];
    const p = await joinFathers({ participantKey: key }, (room) => room.onMessage(ServerMessage.Error, (e: ErrorReply) => pErrors.push(e)));
    expect(p.state.guide.map((s) => s.title)).toEqual(["Bienvenida", "Ronda de llegada", "Escucha activa", "Compartir en primera persona", "Tomar un descanso", "Ronda de cierre"]);
    expect(p.state.guideStep).toBe(-1);

    for (const [step, phase] of [[0, "arrival"], [1, "checkin"], [3, "sharing"], [5, "closing"]] as const) {
      f.send("facilitate", { action: "guideStep", step });
      await waitFor(`step ${step}`, () => p.state.guideStep === step);
      expect(p.state.phase).toBe(phase);
      expect(p.state.guide[step]!.card.length).toBeGreaterThan(0);
    }
    f.send("facilitate", { action: "guideStep", step: 6 });
    await waitFor("the refusal", () => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: "not_allowed", type: "facilitate", message: "This circle's guide has no such step." });
    p.send("facilitate", { action: "guideStep", step: 1 });
    await waitFor("the participant's refusal", () => pErrors.length === 1);
    expect(pErrors[0]).toMatchObject({ code: "not_allowed" });
    expect(p.state.guideStep).toBe(5);
  });

  it("counts check-ins per session and bucket only, once per seat and moment, and tells the facilitator privately", async () => {
    hearth.scheduling.testClock!.set(new Date("2026-03-05T19:01:00Z"));
    const key = await register("Steady Heron");
    const flags: SupportFlag[] = [];
    await joinFathers({}, (room) => room.onMessage(ServerMessage.SupportFlag, (flag: SupportFlag) => flags.push(flag)), facilitatorClient());
    const tickets: CheckInTicket[] = [];
    const errors: ErrorReply[] = [];
    const listen = (room: Room<CircleState>) => {
      room.onMessage(ServerMessage.CheckInToken, (t: CheckInTicket) => tickets.push(t));
      room.onMessage(ServerMessage.Error, (e: ErrorReply) => errors.push(e));
    };
    const p = await joinFathers({ participantKey: key }, listen);
    // Only a client that asks gets a token: third-party clients are sent nothing unasked.
    await new Promise((r) => setTimeout(r, 300));
    expect(tickets).toEqual([]);
    p.send("checkInTicket", {});
    await waitFor("the check-in token", () => tickets.length === 1);
    expect(tickets[0]!.done).toEqual([]);

    p.send("checkIn", { moment: "before", mood: 2, wantsCheckIn: true });
    await waitFor("the flag", () => flags.length === 1);
    expect(flags[0]).toMatchObject({ participantId: p.sessionId, pseudonym: "Steady Heron", source: "check-in" });
    await waitFor("the token again, with 'before' done", () => tickets.at(-1)!.done.includes("before"));

    p.send("checkIn", { moment: "before", mood: 5 });
    p.send("checkIn", { moment: "during", mood: 3 });
    p.send("checkIn", { moment: "after", mood: 9 });
    p.send("checkIn", { moment: "after" });
    await waitFor("four refusals", () => errors.length === 4);
    // The schema refuses at once; the repeat is refused once the count is looked up.
    expect(errors.map((e) => e.code).sort()).toEqual(["invalid_message", "invalid_message", "invalid_message", "not_allowed"]);
    expect(errors.find((e) => e.code === "not_allowed")!.message).toBe("You have already checked in before this session.");

    // Leaving and coming back on the same device does not count twice.
    await p.leave();
    rooms.splice(rooms.indexOf(p), 1);
    const again = await joinFathers({ participantKey: key }, listen);
    again.send("checkInTicket", {});
    await waitFor("the token on rejoining", () => tickets.length >= 3);
    expect(tickets.at(-1)!.done).toEqual(["before"]);
    again.send("checkIn", { moment: "before", mood: 1 });
    await waitFor("the refusal", () => errors.length === 5);

    // After the session, from the page shown once the circle closed: the token, once.
    const token = tickets.at(-1)!.token;
    expect((await anyone.post("/api/checkins", { token, moment: "after", mood: 4 })).status).toBe(201);
    expect((await anyone.post("/api/checkins", { token, moment: "after", mood: 4 })).status).toBe(409);
    expect((await anyone.post("/api/checkins", { token: `${token.slice(0, -4)}AAAA`, moment: "after", mood: 4 })).status).toBe(400);
    expect((await anyone.post("/api/checkins", { token, moment: "after", mood: 4, pseudonym: "x" })).status).toBe(400);

    const counts = await host.get<CircleCheckIns>(`/api/host/circles/${fathers.circleId}/checkins`);
    expect(counts.status).toBe(200);
    expect(counts.body.sessions).toEqual([
      {
        sessionKey: fathers.sessionId,
        start: "2026-03-05T19:00:00.000Z",
        before: { moods: [0, 1, 0, 0, 0], wantsCheckIn: 1 },
        after: { moods: [0, 0, 0, 1, 0], wantsCheckIn: 0 },
      },
    ]);
    expect((await anyone.get(`/api/host/circles/${fathers.circleId}/checkins`)).status).toBe(401);

    // The store holds counts, never a row that could be a person's.
    const rows = await hearth.scheduling.db.query<Record<string, unknown>>("SELECT * FROM checkin_counts");
    expect(Object.keys(rows[0]!).sort()).toEqual(["bucket", "circle_id", "count", "moment", "session_key", "session_start"]);
    expect(JSON.stringify(rows)).not.toMatch(/Steady Heron|Quiet Otter/);
    expect(JSON.stringify(rows)).not.toContain(key);
  });
});
