import { ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { CloseCode, type NoticeMessage, ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import type { RegistrationResponse } from "../../shared/scheduling-api.ts";
import { freePort } from "../support/free-port.ts";
import { waitFor } from "../support/wait.ts";
import { Agent } from "./support/schedule-api.ts";
import { enterCircle } from "../support/circle-client.ts";

/** A one-off session on Thursday 5 March 2026, 19:00–20:30 London (GMT), lobby open from 18:45. */
const LOBBY_OPENS = new Date("2026-03-05T18:45:00Z");
const START = new Date("2026-03-05T19:00:00Z");
const END = new Date("2026-03-05T20:30:00Z");
const COLOR = "#e07a5f";

let hearth: HearthServer;
let colyseus: ColyseusTestServer;
let baseUrl: string;
let host: Agent;
let circleId: string;
let sessionId: string;
let facilitatorCookie: string;
const registered = { key: newParticipantKey(), registrationId: "" };
const waitlisted = { key: newParticipantKey() };
const rooms: Room[] = [];

const setNow = (instant: Date) => hearth.scheduling.testClock!.set(instant);

async function joinSession(options: Record<string, unknown>, client = colyseus.sdk): Promise<Room<CircleState>> {
  return enterCircle(client, { circleId, sessionId, color: COLOR, ...options }, (room) => rooms.push(room));
}
const self = (room: Room<CircleState>) => room.state.participants.get(room.sessionId)!;

beforeAll(async () => {
  // colyseus.js warns on every refused join; those are expected here.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const port = await freePort();
  hearth = await startHearth(loadConfig({ PORT: String(port), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:", SESSION_OVERRUN_MINUTES: "0.01" }));
  colyseus = new ColyseusTestServer(hearth.gameServer);
  baseUrl = `http://127.0.0.1:${port}`;
  setNow(new Date("2026-03-02T12:00:00Z"));

  host = new Agent(baseUrl);
  expect((await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" })).status).toBe(201);
  const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", {
    title: "Evening circle", language: "en", capacity: 2, visibility: "public",
  });
  circleId = circle.body.circle.id;
  const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circleId}/series`, {
    repeat: "once", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
  });
  sessionId = series.body.upcoming[0]!.id;

  const invite = await host.post<{ url: string }>("/api/host/invitations", { circleId });
  const facilitator = new Agent(baseUrl);
  await facilitator.post(`/api/invitations/${invite.body.url.split("/invite/")[1]}/accept`, {
    email: "sam@example.org", password: "facilitator password", displayName: "Sam the facilitator",
  });
  facilitatorCookie = facilitator.cookie;

  const anyone = new Agent(baseUrl);
  const register = (pseudonym: string, key: string) =>
    anyone.post<RegistrationResponse>(`/api/sessions/${sessionId}/registrations`, { pseudonym }, { "x-participant-key": key });
  registered.registrationId = (await register("Quiet Otter", registered.key)).body.registration.id;
  await register("Steady Heron", newParticipantKey());
  expect((await register("Gentle Oak", waitlisted.key)).body.registration.status).toBe("waitlisted");
});

afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined)));
  await colyseus.cleanup();
});
afterAll(() => hearth?.close());

describe("a scheduled session's room", () => {
  it("admits a registered participant in the window, with the pseudonym they registered with", async () => {
    setNow(new Date(LOBBY_OPENS.getTime() + 60_000));
    const room = await joinSession({ participantKey: registered.key, registrationId: registered.registrationId, pseudonym: "Someone Else" });
    expect(self(room)).toMatchObject({ pseudonym: "Quiet Otter", role: "participant" });
    expect(room.state.circleId).toBe(circleId);
    expect(room.state.title).toBe("Evening circle");
    // Two places plus the host's and the facilitator's seats.
    expect(room.state.capacity).toBe(4);
  });

  it("finds the registration from the participant key alone", async () => {
    setNow(START);
    const room = await joinSession({ participantKey: registered.key });
    expect(self(room).pseudonym).toBe("Quiet Otter");
  });

  it("refuses before the lobby opens, saying when it will", async () => {
    setNow(new Date(LOBBY_OPENS.getTime() - 5 * 60_000));
    await expect(joinSession({ participantKey: registered.key })).rejects.toThrow(/lobby is not open yet.*2026-03-05T18:45:00.000Z.*in 5 minutes/);
  });

  it("tells everyone when the time is up, and closes the room once the overrun has passed", async () => {
    setNow(new Date(END.getTime() - 400));
    const room = await joinSession({ participantKey: registered.key });
    const notices: NoticeMessage[] = [];
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => notices.push(notice));
    const closed = new Promise<number>((resolve) => room.onLeave(resolve));
    await waitFor("the time-up notice", () => notices.find((n) => n.kind === "session-time-up"));
    expect(room.connection.isOpen).toBe(true); // the overrun (0.6 s here) lets a share finish
    expect(await closed).toBe(CloseCode.SessionEnded);
    rooms.splice(rooms.indexOf(room), 1); // closed by the server: nothing to leave
    expect(notices.at(-1)).toEqual({ kind: "session-ended", message: "The session has come to its end. Thank you for being here." });
  });

  it("refuses once the session has ended", async () => {
    setNow(END);
    await expect(joinSession({ participantKey: registered.key })).rejects.toThrow(/session has ended/);
  });

  it("refuses someone who did not register, and someone still on the waitlist", async () => {
    setNow(START);
    await expect(joinSession({ participantKey: newParticipantKey(), pseudonym: "Gate Crasher" })).rejects.toThrow(/Only people registered/);
    await expect(joinSession({ pseudonym: "No Key" })).rejects.toThrow(/Only people registered/);
    await expect(joinSession({ participantKey: waitlisted.key })).rejects.toThrow(/waitlist/);
  });

  it("refuses a registration id that belongs to another key", async () => {
    setNow(START);
    await expect(joinSession({ participantKey: newParticipantKey(), registrationId: registered.registrationId })).rejects.toThrow(/Only people registered/);
  });

  it("seats a signed-in facilitator with the facilitator role", async () => {
    setNow(LOBBY_OPENS);
    const client = new Client(baseUrl.replace("http", "ws"), { headers: { cookie: facilitatorCookie } });
    const room = await joinSession({}, client);
    expect(self(room)).toMatchObject({ pseudonym: "Sam the facilitator", role: "facilitator" });
    const participantRoom = await joinSession({ participantKey: registered.key });
    expect(participantRoom.roomId).toBe(room.roomId);
  });

  it("does not take a facilitator's cookie from another site's page", async () => {
    setNow(START);
    const client = new Client(baseUrl.replace("http", "ws"), { headers: { cookie: facilitatorCookie, origin: "https://evil.example" } });
    await expect(joinSession({}, client)).rejects.toThrow(/Only people registered/);
  });

  it("does not take a facilitator's cookie from a page on another port of this host", async () => {
    setNow(START);
    const otherPort = baseUrl.replace(/:\d+$/, ":9999");
    const client = new Client(baseUrl.replace("http", "ws"), { headers: { cookie: facilitatorCookie, origin: otherPort } });
    await expect(joinSession({}, client)).rejects.toThrow(/Only people registered/);
    const otherScheme = new Client(baseUrl.replace("http", "ws"), { headers: { cookie: facilitatorCookie, origin: baseUrl.replace("http:", "https:") } });
    await expect(joinSession({}, otherScheme)).rejects.toThrow(/Only people registered/);
  });

  it("takes a facilitator's cookie from a page of its own origin", async () => {
    setNow(START);
    const client = new Client(baseUrl.replace("http", "ws"), { headers: { cookie: facilitatorCookie, origin: baseUrl } });
    expect(self(await joinSession({}, client)).role).toBe("facilitator");
  });

  it("refuses a cancelled session", async () => {
    setNow(START);
    await host.patch(`/api/host/sessions/${sessionId}`, { action: "cancel" });
    try {
      await expect(joinSession({ participantKey: registered.key })).rejects.toThrow(/cancelled/);
    } finally {
      await host.patch(`/api/host/sessions/${sessionId}`, { action: "restore" });
    }
  });

  it("refuses a join without a session, and a session of another circle", async () => {
    setNow(START);
    await expect(colyseus.sdk.joinOrCreate(ROOM_NAME, { circleId, color: COLOR, participantKey: registered.key })).rejects.toThrow(/scheduled sessions/);
    await expect(colyseus.sdk.joinOrCreate(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, sessionId, color: COLOR })).rejects.toThrow(/no such session/);
  });
});

describe("the open circle", () => {
  it("stays open to anyone with a pseudonym, at any time", async () => {
    setNow(new Date("2030-01-01T03:00:00Z"));
    const room = await colyseus.sdk.joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym: "Drop In", color: COLOR });
    rooms.push(room);
    await waitFor("first state", () => room.state.participants?.get(room.sessionId));
    expect(self(room)).toMatchObject({ pseudonym: "Drop In", role: "participant" });
  });
});
