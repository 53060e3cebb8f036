import type { Room } from "colyseus.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../server/store/ids.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import type { CheckIn, CheckInTicket, CircleCheckIns } from "../../shared/checkins.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { type ErrorReply, ServerMessage } from "../../shared/protocol.ts";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { Agent } from "../integration/support/schedule-api.ts";
import { enterCircle } from "../support/circle-client.ts";
import { waitFor } from "../support/wait.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/hook.ts";

/**
 * The host's view of anonymous check-ins: counts go in through the real paths (third-party
 * colyseus.js participants sending `checkIn` in the room, and the after-session POST with the token
 * the room gave them), then the host opens the circle's page in Chromium and reads the figures in
 * the table, sees a chart drawn on its canvas, and the store holds counts per bucket only.
 */

const HOST = { displayName: "Robin", email: "robin@example.org", password: "a long host password" };
/** Thursday 5 March 2026, 19:00 London (= UTC), weekly: two sessions, the 5th and the 12th. */
const MONDAY = new Date("2026-03-02T12:00:00Z");
const FIRST = new Date("2026-03-05T19:01:00Z");
const SECOND = new Date("2026-03-12T19:01:00Z");
// Distinctive, so a hit in the store can only come from this test.
const PSEUDONYMS = ["Alder Lantern", "Birch Compass", "Cedar Harbour", "Elm Meadow", "Fern Quartz"];
/** Marks the bundle holding chart.js (one of its own error messages). */
const CHART_JS_MARK = "Canvas is already in use";

interface Seat {
  room: Room<CircleState>;
  key: string;
  tickets: CheckInTicket[];
  errors: ErrorReply[];
  left?: boolean;
}

describe("a host sees how people arrive at and leave a circle, from anonymous counts", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let api: string;
  let host: Agent;
  let anyone: Agent;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let circleId: string;
  let sessionIds: string[];
  const seats: Seat[] = [];
  const errors: string[] = [];

  async function sit(sessionId: string, pseudonym: string): Promise<Seat> {
    const key = newParticipantKey();
    const registered = await anyone.post(`/api/sessions/${sessionId}/registrations`, { pseudonym }, { "x-participant-key": key });
    expect(registered.status).toBe(201);
    const seat = { key, tickets: [], errors: [] } as unknown as Seat;
    seat.room = await enterCircle(api.replace("http", "ws"), { circleId, sessionId, participantKey: key }, (room) => {
      room.onMessage(ServerMessage.CheckInToken, (t: CheckInTicket) => seat.tickets.push(t));
      room.onMessage(ServerMessage.Error, (e: ErrorReply) => seat.errors.push(e));
      room.onMessage("*", () => undefined); // poses, notices: not what this test reads
    });
    seat.room.send("checkInTicket", {});
    await waitFor(`${pseudonym}'s check-in token`, () => seat.tickets.length > 0);
    seats.push(seat);
    return seat;
  }

  /** Checks in from the room and waits until the server has counted it (the token comes back with it done). */
  async function checkIn(seat: Seat, entry: CheckIn) {
    seat.room.send("checkIn", entry);
    await waitFor(`the ${entry.moment} check-in counted`, () => seat.tickets.at(-1)!.done.includes(entry.moment) || seat.errors.length > 0);
    expect(seat.errors).toEqual([]);
  }

  async function leave(seat: Seat) {
    seat.left = true;
    await seat.room.leave();
  }

  /** The after-session page: the token from the room, once the person has left. */
  async function checkInAfterLeaving(seat: Seat, mood: number) {
    await leave(seat);
    const reply = await anyone.post("/api/checkins", { token: seat.tickets.at(-1)!.token, moment: "after", mood });
    expect(reply.status).toBe(201);
  }

  beforeAll(async () => {
    hearth = await startHearthForTest({ DATA_DIR: ":memory:" });
    hearth.scheduling.testClock!.set(MONDAY);
    api = `http://127.0.0.1:${hearth.port}`;
    host = new Agent(api);
    anyone = new Agent(api);
    expect((await host.post("/api/setup", HOST)).status).toBe(201);
    const circle = await host.post<{ circle: HostCircle }>("/api/host/circles", { title: "Carers' evening", language: "en", capacity: 8, visibility: "public" });
    expect(circle.status).toBe(201);
    circleId = circle.body.circle.id;
    const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circleId}/series`, {
      repeat: "weekly", startDate: "2026-03-05", endDate: "2026-03-12", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
    });
    expect(series.status).toBe(201);
    sessionIds = series.body.upcoming.map((s) => s.id);
    expect(sessionIds).toHaveLength(2);
    browser = await launchChromium();
    context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", viewport: { width: 1000, height: 1400 } });
    page = await context.newPage();
    errors.push(...watchErrors(page));
  });

  afterAll(async () => {
    await Promise.all(seats.filter((s) => !s.left).map((s) => leave(s).catch(() => undefined)));
    await browser?.close();
    await hearth?.close();
  });

  it("counts check-ins from the room and from the after-session page", async () => {
    // The first session: moods 2 and 3 before (and one "check in with me" without a mood), 4, 4 and 3 after.
    hearth.scheduling.testClock!.set(FIRST);
    const [alder, birch, cedar] = [await sit(sessionIds[0]!, PSEUDONYMS[0]!), await sit(sessionIds[0]!, PSEUDONYMS[1]!), await sit(sessionIds[0]!, PSEUDONYMS[2]!)];
    await checkIn(alder!, { moment: "before", mood: 2, wantsCheckIn: true });
    await checkIn(birch!, { moment: "before", mood: 3 });
    await checkIn(cedar!, { moment: "before", wantsCheckIn: true });
    await checkIn(alder!, { moment: "after", mood: 4 });
    await checkInAfterLeaving(birch!, 4);
    await checkInAfterLeaving(cedar!, 3);
    await leave(alder!);

    // The second session: 4 and 5 before, nobody answered after.
    hearth.scheduling.testClock!.set(SECOND);
    const [elm, fern] = [await sit(sessionIds[1]!, PSEUDONYMS[3]!), await sit(sessionIds[1]!, PSEUDONYMS[4]!)];
    await checkIn(elm!, { moment: "before", mood: 4 });
    await checkIn(fern!, { moment: "before", mood: 5 });

    const counts = await host.get<CircleCheckIns>(`/api/host/circles/${circleId}/checkins`);
    expect(counts.body.sessions).toEqual([
      { sessionKey: sessionIds[0], start: "2026-03-05T19:00:00.000Z", before: { moods: [0, 1, 1, 0, 0], wantsCheckIn: 2 }, after: { moods: [0, 0, 1, 2, 0], wantsCheckIn: 0 } },
      { sessionKey: sessionIds[1], start: "2026-03-12T19:00:00.000Z", before: { moods: [0, 0, 0, 1, 1], wantsCheckIn: 0 }, after: { moods: [0, 0, 0, 0, 0], wantsCheckIn: 0 } },
    ]);
  });

  it("shows the host, in the circle's page, a table of the counts and averages and a chart drawn beside it", async () => {
    const scripts: { url: string; chart: boolean }[] = [];
    page.on("response", async (response) => {
      if (!response.url().endsWith(".js")) return;
      scripts.push({ url: response.url(), chart: (await response.text().catch(() => "")).includes(CHART_JS_MARK) });
    });
    await page.goto(`${hearth.url}/host`);
    await page.getByLabel(/^Email/).fill(HOST.email);
    await page.getByLabel(/^Password/).fill(HOST.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Your circles" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(scripts.filter((s) => s.chart).map((s) => s.url), "chart.js before the circle's page").toEqual([]);

    await page.getByRole("link", { name: "Carers' evening" }).click();
    const section = page.getByRole("region", { name: "How people arrive and leave" });
    await section.waitFor();
    await section.getByText(/Check-ins are anonymous/).waitFor();
    const table = section.getByRole("table", { name: /Check-ins per session/ });
    await table.waitFor();
    const headers = (await table.getByRole("columnheader").allInnerTexts()).map((s) => s.trim());
    expect(headers).toEqual(["Session", "Answers before", "Answers after", "Average before", "Average after", "Asked for a check-in"]);
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())));
    expect(rows).toHaveLength(2);
    // en-GB resolves to Hearth's "en": dates as Intl formats them for it, in the viewer's zone.
    expect(rows[0]![0]).toMatch(/^Mar 5, 2026,? (at )?7:00 PM$/);
    expect(rows[0]!.slice(1)).toEqual(["2", "3", "2.5", "3.7", "2"]);
    expect(rows[1]![0]).toMatch(/^Mar 12, 2026,? (at )?7:00 PM$/);
    expect(rows[1]!.slice(1)).toEqual(["2", "0", "4.5", "—", "0"]);

    // The chart: drawn on its canvas once chart.js (its own chunk) arrived, with the "after" line in its colour.
    const canvas = section.getByRole("img", { name: /Chart of the average mood/ });
    await canvas.waitFor();
    const drawn = await waitFor("the chart drawn", () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
        let painted = 0;
        let after = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! > 0) painted++;
          if (Math.abs(data[i]! - 0xf2) < 12 && Math.abs(data[i + 1]! - 0xa6) < 12 && Math.abs(data[i + 2]! - 0x5a) < 12 && data[i + 3]! > 200) after++;
        }
        return painted > 2000 && after > 50 ? { width: c.width, height: c.height, painted, after } : null;
      }), 10_000, 100);
    expect(drawn.width).toBeGreaterThan(200);
    expect(scripts.filter((s) => s.chart)).toHaveLength(1);
    await screenshot(page, "checkins-host-chart");
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it("shows the same in Spanish, with the viewer's numbers and dates", async () => {
    const spanish = await browser.newContext({ locale: "es-ES", timezoneId: "Europe/Madrid" });
    await spanish.addCookies(await context.cookies());
    const es = await spanish.newPage();
    await es.goto(`${hearth.url}/host/circles/${circleId}`);
    const section = es.getByRole("region", { name: "Cómo llega y cómo se va la gente" });
    await section.waitFor();
    const rows = await section.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())));
    expect(rows[0]).toEqual(["5 mar 2026, 20:00", "2", "3", "2,5", "3,7", "2"]);
    await section.getByRole("img", { name: /Gráfico del ánimo medio/ }).waitFor();
    await spanish.close();
  });

  it("loads no chart.js on the participants' pages", async () => {
    for (const path of ["/", "/sessions"]) {
      const visitor = await browser.newPage();
      const charts: string[] = [];
      visitor.on("response", async (response) => {
        if (response.url().endsWith(".js") && (await response.text().catch(() => "")).includes(CHART_JS_MARK)) charts.push(response.url());
      });
      await visitor.goto(`${hearth.url}${path}`);
      await visitor.getByRole("heading").first().waitFor();
      await visitor.waitForLoadState("networkidle");
      expect(charts, path).toEqual([]);
      await visitor.close();
    }
  });

  it("keeps counts per session and bucket only: nobody's pseudonym, key or seat is in the store", async () => {
    const columns = await hearth.scheduling.db.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'checkin_counts' ORDER BY column_name",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["bucket", "circle_id", "count", "moment", "session_key", "session_start"]);

    const rows = await hearth.scheduling.db.query<{ session_key: string; moment: string; bucket: string; count: number }>(
      "SELECT session_key, moment, bucket, count FROM checkin_counts ORDER BY session_start, moment, bucket",
    );
    // One row per bucket, however many chose it: the two 4s after the first session are one row of 2.
    expect(rows.map((r) => `${r.session_key === sessionIds[0] ? 1 : 2} ${r.moment} ${r.bucket} ${Number(r.count)}`)).toEqual([
      "1 after mood-3 1",
      "1 after mood-4 2",
      "1 before mood-2 1",
      "1 before mood-3 1",
      "1 before wants-check-in 2",
      "2 before mood-4 1",
      "2 before mood-5 1",
    ]);

    const everything = JSON.stringify(await hearth.scheduling.db.query("SELECT * FROM checkin_counts"));
    const personal = [
      ...PSEUDONYMS,
      ...seats.flatMap((s) => [s.key, sha256(s.key), s.room.sessionId]),
      // The nonce each token names (one per seat), and the tokens themselves.
      ...seats.flatMap((s) => s.tickets.flatMap((t) => [t.token, (JSON.parse(Buffer.from(t.token.split(".")[0]!, "base64url").toString()) as { nonce: string }).nonce])),
    ];
    expect(personal.filter((p) => everything.includes(p))).toEqual([]);
    // And the host's view over HTTP names no one either.
    const view = (await host.get(`/api/host/circles/${circleId}/checkins`)).text;
    expect(personal.filter((p) => view.includes(p))).toEqual([]);
  });
});
