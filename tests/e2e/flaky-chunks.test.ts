/**
 * Parts of the page load as chunks of their own, after the page. When one fails to load (the
 * server restarting, a network blip), Hearth asks for it again: the page never goes blank.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { enterCircle } from "./support/enter.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/hook.ts";

describe("when a chunk of the page fails to load", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hearth = await startHearthForTest({ DATA_DIR: ":memory:" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  /** Fails the first `failures` requests for chunks whose file name starts with `name`; returns how many were failed. */
  async function failChunk(target: Page, name: string, failures: number): Promise<() => number> {
    let failed = 0;
    await target.route(new RegExp(`/assets/${name}-[^/]*\\.js$`), (route) => {
      if (failed < failures) {
        failed++;
        return route.abort("connectionrefused");
      }
      return route.continue();
    });
    return () => failed;
  }

  it("keeps the circle on screen and loads the chat once the chunk comes through", async () => {
    page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const failed = await failChunk(page, "ChatPanel", 2);
    await enterCircle(page, `http://localhost:${hearth.port}`, "Patient Wren");
    await page.getByRole("button", { name: "Chat", exact: true }).click();
    await page.getByRole("complementary", { name: "Chat" }).waitFor({ timeout: 15_000 });
    expect(failed()).toBe(2);
    expect(pageErrors).toEqual([]);
    await expect(page.getByRole("button", { name: /Leave/ }).first().isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("shows the schedule page although its chunk failed to load at first", async () => {
    page = await browser.newPage();
    const failed = await failChunk(page, "BrowseSessions", 2);
    await page.goto(`http://localhost:${hearth.port}/sessions?e2e=1`);
    await page.getByRole("heading", { name: /Upcoming sessions/ }).waitFor({ timeout: 15_000 });
    expect(failed()).toBe(2);
    await page.close();
  });
});
