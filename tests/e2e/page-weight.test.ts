import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/hook.ts";

/** three.js marks itself on the page with this global; every bundle holding three has the name. */
const THREE_MARK = "__THREE__";

describe("when a page outside a circle loads", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;

  beforeAll(async () => {
    hearth = await startHearthForTest({ DATA_DIR: ":memory:" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  /** The JavaScript files `path` loads, with whether each holds three.js or livekit-client. */
  async function scriptsOf(path: string, ready: (page: Page) => Promise<unknown>) {
    const page = await browser.newPage();
    const scripts: { url: string; three: boolean; livekit: boolean }[] = [];
    page.on("response", async (response) => {
      if (!response.url().endsWith(".js")) return;
      const body = await response.text().catch(() => "");
      scripts.push({ url: response.url(), three: body.includes(THREE_MARK), livekit: body.includes("LivekitError") });
    });
    await page.goto(`http://localhost:${hearth.port}${path}`);
    await ready(page);
    await page.waitForLoadState("networkidle");
    await page.close();
    return scripts;
  }

  it("the lobby loads no three.js and no livekit-client", async () => {
    const scripts = await scriptsOf("/", (page) => page.getByLabel(/Pseudonym/).waitFor());
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.three || s.livekit).map((s) => s.url)).toEqual([]);
  });

  it("the schedule page loads no three.js", async () => {
    const scripts = await scriptsOf("/sessions", (page) => page.getByRole("heading").first().waitFor());
    expect(scripts.filter((s) => s.three).map((s) => s.url)).toEqual([]);
  });
});
