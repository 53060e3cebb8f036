/**
 * The server process restarts, gracefully (deploy: SIGTERM) and by crashing (SIGKILL), on the
 * same PGlite data folder: accounts, schedules, registrations and bans are all still there, and a
 * browser that was in the circle says what is happening and comes back by itself, without a reload.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { FACILITATE_MESSAGE } from "../../shared/facilitation.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { CloseCode, ROOM_NAME } from "../../shared/protocol.ts";
import type { MyRegistrationsResponse, RegistrationResponse, SessionResponse } from "../../shared/scheduling-api.ts";
import { launchChromium, screenshot } from "../e2e/support/browser.ts";
import "../e2e/support/hook.ts";
import { Agent } from "../integration/support/schedule-api.ts";
import { freePort } from "../support/free-port.ts";
import { type HearthProcess, startHearthProcess } from "../support/hearth-process.ts";
import { sleep, waitFor } from "../support/wait.ts";

/** A session on Thursday 4 March 2027, 19:00–20:00 London (GMT); both servers' clocks say 19:05. */
const SESSION_DATE = "2027-03-04";
const NOW = "2027-03-04T19:05:00Z";
const HOST = { email: "host@example.org", password: "a long host password", displayName: "Robin" };
const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-restart-"));
let env: Record<string, string>;
let server: HearthProcess;
let browser: Browser;
let page: Page;
const rooms: Room[] = [];

async function joinOpen(options: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Room<CircleState>> {
  const room = await new Client(server.wsUrl, { headers }).joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, color: "#81b29a", ...options });
  rooms.push(room);
  await waitFor("first state", () => room.state.participants?.get(room.sessionId));
  return room;
}

/** The page's own connection as its test hook reports it. */
/** "in-circle" is set as the room attaches; the participants follow with its first state. */
const inCircleWithSelf = () =>
  page.waitForFunction(
    () => {
      const c = window.__hearth?.connection();
      return c?.status === "in-circle" && c.participants.some((p) => p.id === c.selfId);
    },
    undefined,
    { timeout: 30_000 },
  );

const pageSelf = () =>
  page.evaluate(() => {
    const c = window.__hearth.connection();
    return { status: c.status, selfId: c.selfId, me: c.participants.find((p) => p.id === c.selfId) ?? null, reloaded: !("__beforeRestart" in window) };
  });

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  env = { PORT: String(await freePort()), DATA_DIR: dataDir, VOICE: "off", CLIENT_DIR: "dist/client", HEARTH_FAKE_NOW: NOW };
  server = await startHearthProcess(env);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 960, height: 600 } });
});

afterAll(async () => {
  // Rooms of a server that went away never confirm a leave: do not wait for them.
  await Promise.all(rooms.map((room) => Promise.race([room.leave(true).catch(() => {}), sleep(500)])));
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("when the server process restarts", () => {
  it("keeps durable data and bans, and the browser's participant rejoins by themselves", async () => {
    // Durable data: a host, a circle with a session, a registration.
    const host = new Agent(server.httpUrl);
    expect((await host.post("/api/setup", HOST)).status).toBe(201);
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", { title: "Thursday circle", language: "en", capacity: 6, visibility: "public" });
    const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, {
      repeat: "once", startDate: SESSION_DATE, startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60, lobbyOpenMinutes: 10,
    });
    const sessionId = series.body.upcoming[0]!.id;
    const register = async (pseudonym: string, key: string) => {
      const reply = await new Agent(server.httpUrl).post<RegistrationResponse>(`/api/sessions/${sessionId}/registrations`, { pseudonym }, { "x-participant-key": key });
      expect(reply.status).toBe(201);
    };
    const registeredKey = newParticipantKey();
    const bannedKey = newParticipantKey();
    await register("Still Here", registeredKey);
    await register("Unkind Visitor", bannedKey);

    // The host, facilitating the live session, bans someone from the circle.
    const inSession = { circleId: circle.body.circle.id, sessionId };
    const facilitator = await joinOpen(inSession, { cookie: host.cookie });
    expect(facilitator.state.participants.get(facilitator.sessionId)?.role).toBe("facilitator");
    const banned = await joinOpen({ ...inSession, participantKey: bannedKey });
    let bannedLeft: number | undefined;
    banned.onLeave((code) => (bannedLeft = code));
    facilitator.send(FACILITATE_MESSAGE, { action: "ban", target: banned.sessionId });
    await waitFor("the banned visitor to be removed", () => bannedLeft, 10_000);
    expect(bannedLeft).toBe(CloseCode.Removed);
    await expect(joinOpen({ ...inSession, participantKey: bannedKey })).rejects.toThrow(/cannot join this circle/);

    // Someone is in the circle in a browser.
    await page.goto(`http://localhost:${server.port}/?e2e=1`);
    await page.getByLabel(/Pseudonym/).fill("Quiet Otter");
    await page.getByRole("button", { name: "Enter the circle" }).click();
    await inCircleWithSelf();
    await page.evaluate(() => Object.assign(window, { __beforeRestart: true }));
    const before = await pageSelf();
    expect(before.me?.pseudonym).toBe("Quiet Otter");

    // 1. A graceful restart (a deploy): the page says so, waits, and comes back.
    await server.stop("SIGTERM");
    await page.getByText(/Hearth is restarting/).waitFor({ timeout: 10_000 });
    await page.getByText(/Reconnecting…/).waitFor({ timeout: 10_000 });
    await screenshot(page, "server-restart-waiting");
    server = await startHearthProcess(env);
    await inCircleWithSelf();
    const afterRestart = await pageSelf();
    expect(afterRestart.reloaded).toBe(false);
    expect(afterRestart.me?.pseudonym).toBe("Quiet Otter");
    await page.getByText(/You are back in the circle/).waitFor({ timeout: 10_000 });

    // Durable data is intact: sign-in, the session, the registration, and the ban.
    const again = new Agent(server.httpUrl);
    expect((await again.post("/api/auth/sign-in", { email: HOST.email, password: HOST.password })).status).toBe(200);
    const session = await again.get<SessionResponse>(`/api/sessions/${sessionId}`);
    expect(session.body.session).toMatchObject({ id: sessionId, status: "scheduled" });
    const mine = await again.get<MyRegistrationsResponse>("/api/me/registrations", { "x-participant-key": registeredKey });
    expect(mine.body.registrations).toMatchObject([{ pseudonym: "Still Here", status: "registered", session: { id: sessionId } }]);
    await expect(joinOpen({ ...inSession, participantKey: bannedKey })).rejects.toThrow(/cannot join this circle/);
    const stillHere = await joinOpen({ ...inSession, participantKey: registeredKey });
    expect(stillHere.state.participants.get(stillHere.sessionId)?.pseudonym).toBe("Still Here");

    // 2. A crash: no goodbye at all; the page still comes back once the server is up again.
    const observer = await joinOpen({ pseudonym: "Steady Heron" });
    await waitFor("the observer to see the page's participant", () =>
      [...observer.state.participants.values()].find((p) => p.pseudonym === "Quiet Otter"),
    );
    await server.stop("SIGKILL");
    await page.waitForFunction(() => window.__hearth.connection().status === "reconnecting", undefined, { timeout: 10_000 });
    server = await startHearthProcess(env);
    await inCircleWithSelf();
    const afterCrash = await pageSelf();
    expect(afterCrash.reloaded).toBe(false);
    expect(afterCrash.me?.pseudonym).toBe("Quiet Otter");
    const fresh = await joinOpen({ pseudonym: "Gentle Oak" });
    await waitFor("a newcomer to see the page's participant back", () =>
      [...fresh.state.participants.values()].find((p) => p.pseudonym === "Quiet Otter" && p.connected),
    );
  });
});
