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
    const scripts: { url: string; three: boolean; livekit: boolean; zod: boolean; confusables: boolean; spanish: boolean }[] = [];
    page.on("response", async (response) => {
      if (!response.url().endsWith(".js")) return;
      const body = await response.text().catch(() => "");
      scripts.push({
        url: response.url(),
        three: body.includes(THREE_MARK),
        livekit: body.includes("LivekitError"),
        zod: body.includes("$ZodType"), // the name of zod's base class, kept as a string by its constructor helper
        confusables: body.includes("\\u{1D5A0}") || body.includes("𝖠"), // a styled letter only the confusables table holds
        spanish: body.includes("Entrar en el círculo") || body.includes("Entrar al círculo"),
      });
    });
    await page.goto(`http://localhost:${hearth.port}${path}`);
    await ready(page);
    await page.waitForLoadState("networkidle");
    await page.close();
    return scripts;
  }

  it("the lobby loads no three.js, no livekit-client and no zod", async () => {
    const scripts = await scriptsOf("/", (page) => page.getByLabel(/Pseudonym/).waitFor());
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.three || s.livekit || s.zod).map((s) => s.url)).toEqual([]);
  });

  it("the lobby in English loads neither the Spanish words nor the look-alike letters table", async () => {
    const scripts = await scriptsOf("/?lang=en", (page) => page.getByLabel(/Pseudonym/).waitFor());
    expect(scripts.filter((s) => s.spanish || s.confusables).map((s) => s.url)).toEqual([]);
  });

  it("the lobby in Spanish loads the Spanish words when chosen", async () => {
    const scripts = await scriptsOf("/?lang=es", (page) => page.getByRole("button", { name: /círculo/i }).first().waitFor());
    expect(scripts.some((s) => s.spanish)).toBe(true);
  });

  it("the desktop circle, without voice, loads three.js but no livekit-client", async () => {
    const scripts = await scriptsOf("/?e2e=1&lang=en", async (page) => {
      await page.getByLabel(/Pseudonym/).fill("Quiet Otter");
      await page.getByRole("button", { name: "Enter the circle" }).click();
      await page.waitForFunction(() => window.__hearth?.render().frames > 2, undefined, { timeout: 60_000 });
    });
    expect(scripts.some((s) => s.three)).toBe(true);
    // The server checks every message; the client builds no schema (scripts/client-zod-plugin.ts).
    expect(scripts.filter((s) => s.livekit || s.zod).map((s) => s.url)).toEqual([]);
  });

  it("the schedule page loads no three.js", async () => {
    const scripts = await scriptsOf("/sessions", (page) => page.getByRole("heading").first().waitFor());
    expect(scripts.filter((s) => s.three).map((s) => s.url)).toEqual([]);
  });
});
