import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../integration/support/schedule-api.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";

/**
 * Real Chromium: registers Hearth's service worker, grants the notification permission and takes
 * the UI path to allow notifications. Chromium's pushManager.subscribe needs Google's push
 * service (FCM), which a closed network cannot reach, so a subscription is made if the browser can
 * and otherwise the page must say so clearly; the push itself is delivered to the service worker
 * through the DevTools protocol (ServiceWorker.deliverPushMessage), as Chromium's own tools do.
 */

const NOW = new Date("2026-03-25T12:00:00Z");

describe("when a participant allows notifications in Chromium", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sessionPath = "";
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ DATA_DIR: ":memory:", OPEN_CIRCLE: "off", PUSH_POLL_SECONDS: "300" });
    hearth.scheduling.testClock!.set(NOW);
    const host = new Agent(hearth.url);
    expect((await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" })).status).toBe(201);
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", {
      title: "Carers after a loss", description: "", topicTags: [], language: "en", agreements: "", capacity: 8, visibility: "public",
    });
    const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, {
      repeat: "weekly", startDate: "2026-03-26", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
    });
    sessionPath = `/sessions/${series.body.upcoming[0]!.id}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 960, height: 900 } });
    await context.grantPermissions(["notifications"], { origin: hearth.url });
    page = await context.newPage();
    errors.push(...watchErrors(page));
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("registers the service worker and takes the allow-notifications path after registering", async () => {
    await page.goto(`${hearth.url}${sessionPath}`);
    await page.getByLabel(/^Pseudonym for this session/).fill("Quiet Heron");
    await page.getByRole("button", { name: "Register" }).click();
    await page.getByRole("heading", { name: "You're registered as Quiet Heron" }).waitFor();
    await page.getByRole("heading", { name: "Reminders on this device" }).waitFor();
    expect(await page.evaluate(() => Notification.permission)).toBe("granted");

    await page.getByRole("button", { name: "Allow notifications" }).click();
    const outcome = page.getByRole("button", { name: "Turn notifications off" }).or(page.getByRole("alert"));
    await outcome.first().waitFor({ timeout: 30_000 });

    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: registration.active?.scriptURL, subscribed: Boolean(await registration.pushManager.getSubscription()) };
    });
    expect(worker.scope).toBe(`${hearth.url}/`);
    expect(worker.script).toBe(`${hearth.url}/sw.js`);
    const key = await page.evaluate(() => localStorage.getItem("hearth.participantKey"));
    const stored = await new Agent(hearth.url).get<{ subscriptions: unknown[] }>("/api/push/subscriptions", { "x-participant-key": key! });
    if (worker.subscribed) {
      // The browser reached a push service: the server holds its subscription now.
      expect(stored.body.subscriptions).toHaveLength(1);
      await page.getByRole("checkbox", { name: "1 hour before" }).waitFor();
      expect(await page.getByRole("checkbox", { name: "1 hour before" }).isChecked()).toBe(true);
    } else {
      // Offline Chromium cannot subscribe: the page says so plainly and nothing is stored.
      await page.getByRole("alert").filter({ hasText: "could not reach its push service" }).waitFor();
      expect(stored.body.subscriptions).toEqual([]);
    }
    await screenshot(page, "push-allow-notifications");
  });

  it("shows a pushed notice once, even when the same notice comes twice, and only a same-origin link", async () => {
    const cdp: CDPSession = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
        const mine = registrations.find((r) => r.scopeURL === `${hearth.url}/`);
        if (mine) resolve(mine.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const id = await registrationId;
    const payload = { v: 1, id: "41", kind: "reminder", title: "Hearth", body: "Your circle starts in 1 hour.", url: sessionPath };
    const deliver = (data: unknown) => cdp.send("ServiceWorker.deliverPushMessage", { origin: hearth.url, registrationId: id, data: JSON.stringify(data) });
    await deliver(payload);
    await deliver(payload);
    await deliver({ ...payload, id: "42", kind: "moved", body: "Your circle has moved.", url: "https://elsewhere.example/phish" });

    // waitForFunction does not await an async predicate (a pending promise is truthy): poll instead.
    type Shown = { title: string; body: string; tag: string; url: string };
    const shownNow = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const list = await registration.getNotifications();
        return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url: string }).url }));
      });
    await expect.poll(async () => (await shownNow()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(500); // a duplicate, if the worker showed one, has arrived by now
    const notices: Shown[] = await shownNow();
    expect(notices.sort((a, b) => a.tag.localeCompare(b.tag))).toEqual([
      { title: "Hearth", body: "Your circle starts in 1 hour.", tag: "hearth-notice-41", url: sessionPath },
      { title: "Hearth", body: "Your circle has moved.", tag: "hearth-notice-42", url: "/me" },
    ]);
    expect(errors).toEqual([]);
  });
});
