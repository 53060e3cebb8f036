/**
 * Topics, groups and guides in Chromium: a participant filters upcoming sessions by curated
 * topic, time of day (in their own zone) and language and sees the "For fathers" badge; a host
 * gives a circle curated topics, a group and a guide started from a template, and edits it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_TEMPLATES } from "../../shared/guide-templates.ts";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";

/** Monday 2 March 2026; both sessions are on Thursday 5 March (London is on UTC then). */
const MONDAY = new Date("2026-03-02T12:00:00Z");
const HOST = { displayName: "Robin", email: "robin@example.org", password: "a long host password" };
const FATHERS = "Padres tras la separación";
const LOSS = "After a loss";
const EDITED_PROMPT = "Ask each person for one word about how they arrive. Passing is fine.";

/** Calls the API from the host's page, with its session cookie and CSRF token. */
async function hostApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string | null };
      const res = await fetch(path, {
        method,
        headers: { "content-type": "application/json", ...(me.csrfToken ? { "x-csrf-token": me.csrfToken } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    { method, path, body },
  );
}

async function circleWithSession(page: Page, fields: Record<string, unknown>, startTime: string): Promise<string> {
  const circle = await hostApi<{ circle: HostCircle }>(page, "POST", "/api/host/circles", { capacity: 8, visibility: "public", ...fields });
  expect(circle.status).toBe(201);
  const series = await hostApi(page, "POST", `/api/host/circles/${circle.body.circle.id}/series`, {
    repeat: "once", startDate: "2026-03-05", startTime, timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
  });
  expect(series.status).toBe(201);
  return circle.body.circle.id;
}

describe("circles for groups, found by topic, time of day and language, with a guide from a template", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let hostPage: Page;
  let participantPage: Page;
  let lossId = "";
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ DATA_DIR: ":memory:" });
    hearth.scheduling.testClock!.set(MONDAY);
    browser = await launchChromium();
    hostPage = await (await browser.newContext({ viewport: { width: 1000, height: 900 }, timezoneId: "Europe/London" })).newPage();
    participantPage = await (await browser.newContext({ viewport: { width: 960, height: 800 }, timezoneId: "Europe/London" })).newPage();
    errors.push(...watchErrors(hostPage), ...watchErrors(participantPage));
    hostPage.on("dialog", (dialog) => void dialog.accept());

    // The first host, signed in on the host's page, creates both circles through the API.
    await hostPage.goto(`${hearth.url}/setup`);
    expect((await hostApi(hostPage, "POST", "/api/setup", HOST)).status).toBe(201);
    await circleWithSession(hostPage, { title: FATHERS, language: "es", topicTags: ["fathers", "separation-divorce"], forGroup: "fathers" }, "19:00");
    lossId = await circleWithSession(hostPage, { title: LOSS, language: "en", topicTags: ["bereavement"] }, "09:00");
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  /** Waits until the list shows exactly these circles' sessions (or none, with its message). */
  async function listShows(titles: string[]) {
    const cards = participantPage.locator(".session-card");
    for (const title of [FATHERS, LOSS].filter((t) => !titles.includes(t))) {
      await cards.filter({ hasText: title }).waitFor({ state: "detached" });
    }
    for (const title of titles) await cards.filter({ hasText: title }).waitFor();
    if (titles.length === 0) await participantPage.getByText("No sessions match").waitFor();
    expect(await cards.count()).toBe(titles.length);
  }

  it("filters upcoming sessions by curated topic, time of day and language, and shows who a circle is for", async () => {
    await participantPage.goto(`${hearth.url}/sessions`);
    await listShows([FATHERS, LOSS]);
    const fathersCard = participantPage.locator(".session-card").filter({ hasText: FATHERS });
    await fathersCard.locator(".for-group", { hasText: "For fathers" }).waitFor();
    await fathersCard.getByText("Separation and divorce").waitFor();
    expect(await fathersCard.getByText("Fathers", { exact: true }).count()).toBe(0); // the group is not repeated as a topic
    await participantPage.locator(".session-card").filter({ hasText: LOSS }).getByText("Bereavement").waitFor();
    await screenshot(participantPage, "topics-browse-all");

    const filters = participantPage.getByRole("form", { name: "Filter sessions" });
    const apply = () => filters.getByRole("button", { name: "Filter" }).click();
    await filters.getByLabel("Topic").selectOption({ label: "Bereavement" });
    await apply();
    await listShows([LOSS]);
    expect(new URL(participantPage.url()).searchParams.get("topic")).toBe("bereavement");

    await filters.getByLabel("Topic").selectOption({ label: "Fathers" });
    await apply();
    await listShows([FATHERS]);

    // Time of day is the viewer's own (the browser's zone is London): 09:00 is morning.
    await filters.getByLabel("Topic").selectOption({ label: "Any topic" });
    await filters.getByLabel("Time of day").selectOption("morning");
    const request = participantPage.waitForRequest((r) => r.url().includes("/api/sessions?") && r.url().includes("timeOfDay=morning"));
    await apply();
    expect(new URL((await request).url()).searchParams.get("tz")).toBe("Europe/London");
    await listShows([LOSS]);

    await filters.getByLabel("Time of day").selectOption("evening");
    await apply();
    await listShows([FATHERS]);
    await filters.getByLabel("Language").fill("en");
    await apply();
    await listShows([]);
    await filters.getByLabel("Language").fill("es");
    await apply();
    await listShows([FATHERS]);
    expect(new URL(participantPage.url()).search).toBe("?language=es&timeOfDay=evening");

    // The URL is the source of truth: ?topic=fathers chooses the topic in the select.
    await participantPage.goto(`${hearth.url}/sessions?topic=fathers`);
    await listShows([FATHERS]);
    expect(await participantPage.getByRole("form", { name: "Filter sessions" }).getByLabel("Topic").inputValue()).toBe("fathers");
    await participantPage.getByRole("link", { name: FATHERS }).click();
    await participantPage.getByRole("region", { name: "About this circle" }).getByText("For fathers").waitFor();
    await screenshot(participantPage, "topics-session-for-fathers");
  });

  it("shows topics and the badge in Spanish", async () => {
    const page = await (await browser.newContext({ locale: "es-ES", timezoneId: "Europe/London" })).newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${hearth.url}/sessions?topic=fathers`);
    const card = page.locator(".session-card").filter({ hasText: FATHERS });
    await card.getByText("Para padres").waitFor();
    await card.getByText("Separación y divorcio").waitFor();
    expect(await page.getByRole("form", { name: "Filtrar sesiones" }).getByLabel("Momento del día").locator("option").allTextContents()).toEqual([
      "Cualquier hora", "Mañana (05:00–12:00)", "Tarde (12:00–17:00)", "Tarde-noche (17:00–22:00)", "Noche (22:00–05:00)",
    ]);
    await page.close();
  });

  it("saves curated topics, a group and a guide from a template that the host edits", async () => {
    await hostPage.goto(`${hearth.url}/host/circles/${lossId}`);
    await hostPage.getByText("Edit circle details").click();
    const form = hostPage.getByRole("form", { name: "Edit circle" });
    const topics = form.getByRole("group", { name: "Topics" });
    expect(await topics.getByLabel("Bereavement").isChecked()).toBe(true);
    await topics.getByLabel("Loneliness").check();
    await topics.getByLabel(/^Topics not in the list/).fill("grief, Bereavement");
    await form.getByLabel(/^For/).selectOption({ label: "Older men" });

    await topics.scrollIntoViewIfNeeded();
    await screenshot(hostPage, "topics-editor-topics");

    const guide = form.getByRole("group", { name: "Facilitator guide" });
    await guide.getByLabel(/^Start from a template/).selectOption({ label: "Classic circle (six steps)" });
    const steps = guide.locator(".guide-step");
    const classic = GUIDE_TEMPLATES.find((t) => t.id === "classic")!.steps.en;
    expect(await steps.count()).toBe(classic.length);
    const step = (n: number) => guide.getByRole("group", { name: new RegExp(`^Step ${n}:`) });
    expect(await step(2).getByLabel(/^Step title/).inputValue()).toBe(classic[1]!.title);

    // Moving a step down and back up keeps each step's own fields with it.
    await step(5).getByRole("button", { name: "Move down" }).click();
    await guide.getByRole("group", { name: `Step 6: ${classic[4]!.title}` }).waitFor();
    await step(6).getByRole("button", { name: "Move up" }).click();
    await guide.getByRole("group", { name: `Step 5: ${classic[4]!.title}` }).waitFor();

    // An empty prompt: the server's error shows next to that step's prompt.
    await step(2).getByLabel(/^Prompt/).fill("");
    await form.getByRole("button", { name: "Save changes" }).click();
    await step(2).getByRole("alert").filter({ hasText: "Write a prompt for each step." }).waitFor();
    await step(2).scrollIntoViewIfNeeded();
    await screenshot(hostPage, "topics-guide-field-error");

    await step(2).getByLabel(/^Prompt/).fill(EDITED_PROMPT);
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    const saved = (await hostApi<{ circle: HostCircle }>(hostPage, "GET", `/api/host/circles/${lossId}`)).body.circle;
    expect(saved.topicTags).toEqual(["bereavement", "loneliness", "grief"]);
    expect(saved.forGroup).toBe("older-men");
    expect(saved.guide?.template).toBe("classic");
    expect(saved.guide?.steps).toEqual(classic.map((s, i) => (i === 1 ? { ...s, prompt: EDITED_PROMPT } : s)));

    await hostPage.goto(`${hearth.url}/host`);
    const card = hostPage.locator(".session-card").filter({ hasText: LOSS });
    await card.getByText("For older men").waitFor();
    await card.getByText("#grief").waitFor();
    await card.getByText(/guide: 6 steps, from “Classic circle \(six steps\)”/).waitFor();
    await screenshot(hostPage, "topics-host-circles");
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
