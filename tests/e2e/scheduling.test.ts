import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/hook.ts";

/** The server's clock: Monday 2 March 2026, then the first session's start (Thursday 5 March, 19:00 London = 19:00 UTC). */
const MONDAY = new Date("2026-03-02T12:00:00Z");
const FIRST_START = new Date("2026-03-05T19:00:00Z");
const HOST = { name: "Robin", email: "robin@example.org", password: "a long host password" };

describe("a host schedules a weekly circle and a participant joins it at the start time", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let hostPage: Page;
  let participantPage: Page;
  let sessionPath = "";
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ DATA_DIR: ":memory:" });
    hearth.scheduling.testClock!.set(MONDAY);
    browser = await launchChromium();
    // Separate contexts: the host's cookie is not the participant's.
    hostPage = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    participantPage = await (await browser.newContext({ viewport: { width: 960, height: 700 } })).newPage();
    errors.push(...watchErrors(hostPage), ...watchErrors(participantPage));
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("creates the first host on the setup page, then signs in with it", async () => {
    await hostPage.goto(`${hearth.url}/setup`);
    await hostPage.getByLabel(/^Your name/).fill(HOST.name);
    await hostPage.getByLabel(/^Email/).fill(HOST.email);
    await hostPage.getByLabel(/^Password/).fill(HOST.password);
    await hostPage.getByRole("button", { name: "Create host account" }).click();
    await hostPage.getByRole("heading", { name: "Your circles" }).waitFor();

    await hostPage.getByRole("button", { name: "Sign out" }).click();
    await hostPage.getByRole("heading", { name: "Hosts: sign in" }).waitFor();
    await hostPage.getByLabel(/^Email/).fill(HOST.email);
    await hostPage.getByLabel(/^Password/).fill("not the password");
    await hostPage.getByRole("button", { name: "Sign in" }).click();
    await hostPage.getByRole("alert").filter({ hasText: "do not match" }).waitFor();
    await hostPage.getByLabel(/^Password/).fill(HOST.password);
    await hostPage.getByRole("button", { name: "Sign in" }).click();
    await hostPage.getByRole("heading", { name: "Your circles" }).waitFor();
    await screenshot(hostPage, "scheduling-host-signed-in");
  });

  it("creates a circle and schedules it weekly at 19:00 London time", async () => {
    await hostPage.getByRole("link", { name: "Create a circle" }).click();
    await hostPage.getByLabel(/^Title/).fill("Fathers after separation");
    await hostPage.getByLabel(/^Description/).fill("A circle for dads finding their feet.");
    await hostPage.getByLabel(/^Topics/).fill("fathers, separation");
    await hostPage.getByLabel(/^Places/).fill("8");
    await hostPage.getByRole("button", { name: "Create circle" }).click();
    await hostPage.getByRole("heading", { name: "Fathers after separation" }).waitFor();

    await hostPage.getByRole("button", { name: "Schedule sessions" }).click();
    await hostPage.getByLabel(/^Repeats/).selectOption("weekly");
    await hostPage.getByLabel(/^First date/).fill("2026-03-05");
    await hostPage.getByLabel(/^Start time/).fill("19:00");
    await hostPage.getByLabel(/^Time zone/).selectOption("Europe/London");
    await hostPage.getByLabel(/^Duration/).fill("90");
    await hostPage.getByLabel(/^Lobby opens/).fill("15");
    await hostPage.getByRole("button", { name: "Add schedule" }).click();
    await hostPage.getByText(/every week from 2026-03-05 at 19:00 \(Europe\/London\)/).waitFor();

    const rows = hostPage.locator("tr[data-session-id]");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(10);
    sessionPath = `/sessions/${await rows.first().getAttribute("data-session-id")}`;
    expect(sessionPath).toMatch(/-20260305T190000Z$/);
    await screenshot(hostPage, "scheduling-host-schedule");
  });

  it("lets a participant find the session, see the countdown and register with a pseudonym", async () => {
    await participantPage.goto(`${hearth.url}/sessions?topic=fathers`);
    await participantPage.getByRole("link", { name: "Fathers after separation" }).first().click();
    await participantPage.getByText(/The lobby opens in/).waitFor();
    await participantPage.getByLabel(/^Pseudonym for this session/).fill("Quiet Otter");
    await participantPage.getByRole("button", { name: "Register" }).click();
    await participantPage.getByRole("heading", { name: "You're registered as Quiet Otter" }).waitFor();
    expect(await participantPage.getByRole("button", { name: "Join the circle" }).isDisabled()).toBe(true);
    expect(new URL(participantPage.url()).pathname).toBe(sessionPath);
    await screenshot(participantPage, "scheduling-participant-registered");
  });

  it("lets the registered participant into the circle room at the start time, under their pseudonym", async () => {
    hearth.scheduling.testClock!.set(FIRST_START);
    await participantPage.goto(`${hearth.url}${sessionPath}?e2e=1`);
    await participantPage.getByText("The lobby is open.").waitFor();
    await participantPage.getByRole("button", { name: "Join the circle" }).click();
    await participantPage.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, { timeout: 20_000 });
    const self = await participantPage.evaluate(() => {
      const c = window.__hearth.connection();
      return c.participants.find((p) => p.id === c.selfId);
    });
    expect(self?.pseudonym).toBe("Quiet Otter");
    await participantPage.locator("canvas").waitFor();
    await participantPage.waitForFunction(() => window.__hearth.render().frames > 5, undefined, { timeout: 20_000 });
    await screenshot(participantPage, "scheduling-participant-in-circle");

    const attendance = await hostPage.evaluate(async (path) => {
      const id = path.split("/").pop();
      const circles = (await (await fetch("/api/host/circles")).json()) as { circles: { id: string }[] };
      const list = (await (await fetch(`/api/host/circles/${circles.circles[0]!.id}/sessions`)).json()) as { sessions: { id: string; counts: { registered: number } }[] };
      return list.sessions.find((s) => s.id === id)?.counts.registered;
    }, sessionPath);
    expect(attendance).toBe(1);
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
