/**
 * Access for everyone (issue 20): axe-core finds no serious or critical WCAG 2.1 A/AA problem on
 * any page, the circle's controls work from the keyboard with Escape closing panels, and the
 * circle works on a phone in portrait and landscape (Chromium's mobile emulation).
 */
import { type Browser, devices, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot } from "./support/browser.ts";
import { seriousAccessProblems } from "./support/axe.ts";
import { enterCircle } from "./support/enter.ts";
import { startHearthForTest } from "./support/hearth.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-access";
/** The 3D canvas is a picture, not a control: axe has nothing to say about its pixels. */
const CANVAS = ".circle-canvas";

describe("access for everyone", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;

  beforeAll(async () => {
    hearth = await startHearthForTest({ FACILITATOR_KEY });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  describe("axe-core on every page", () => {
    const pages: [string, string, string][] = [
      ["the lobby", "/", "Enter the circle"],
      ["the sessions list", "/sessions", "Sessions"],
      ["a session's page", "/sessions/no-such-session", "session"],
      ["a circle's page", "/circles/no-such-circle", "circle"],
      ["my registrations", "/me", "registrations"],
      ["the host sign-in", "/host", "Sign in"],
      ["the first-run setup", "/setup", "Hearth"],
    ];
    for (const [name, path, text] of pages) {
      it(`finds no serious problem on ${name}`, { timeout: 60_000 }, async () => {
        const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
        await page.goto(`${hearth.url}${path}?e2e=1`);
        await page.getByText(new RegExp(text, "i")).first().waitFor({ timeout: 15_000 });
        await page.waitForLoadState("networkidle");
        expect(await seriousAccessProblems(page)).toEqual([]);
        await page.close();
      });
    }

    it("finds no serious problem in the circle, nor in the facilitator panel", { timeout: 120_000 }, async () => {
      const f = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const p = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      await enterCircle(f, hearth.url, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
      await enterCircle(p, hearth.url, "Quiet Otter");
      await f.getByRole("complementary", { name: "Facilitator panel" }).getByText("Quiet Otter").waitFor({ timeout: 15_000 });
      expect(await seriousAccessProblems(p, [CANVAS])).toEqual([]);
      expect(await seriousAccessProblems(f, [CANVAS])).toEqual([]);
      await p.getByRole("button", { name: /^Chat/ }).click();
      await p.getByLabel("Message").waitFor();
      expect(await seriousAccessProblems(p, [CANVAS])).toEqual([]);
      await f.close();
      await p.close();
    });
  });

  describe("from the keyboard", () => {
    it("reaches the circle's controls with Tab, shows focus, and Escape closes the chat", { timeout: 90_000 }, async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      await enterCircle(page, hearth.url, "Steady Heron");
      const reached = new Set<string>();
      // As many presses as it takes (people from the earlier tests may still be listed, each with their own controls).
      for (let i = 0; i < 200 && !([...reached].some((n) => /^Chat/.test(n)) && [...reached].some((n) => /Leave/.test(n))); i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const visible = style.outlineStyle !== "none" && style.outlineWidth !== "0px" || style.boxShadow !== "none";
          return { name: el.getAttribute("aria-label") || el.textContent?.trim() || "", visible };
        });
        if (!focused) continue;
        expect(focused.visible, `focus visible on "${focused.name}"`).toBe(true);
        reached.add(focused.name);
      }
      const order = `Tab reached, in order: ${[...reached].map((n) => JSON.stringify(n)).join(", ")}`;
      if (![...reached].some((n) => /Leave/.test(n))) await screenshot(page, "access-tab-order");
      expect([...reached].some((n) => /^Chat/.test(n)), order).toBe(true);
      expect([...reached].some((n) => /Leave/.test(n)), order).toBe(true);

      await page.getByRole("button", { name: /^Chat/ }).focus();
      await page.keyboard.press("Enter");
      await page.getByLabel("Message").waitFor();
      await page.keyboard.press("Escape");
      await page.getByLabel("Message").waitFor({ state: "detached", timeout: 5000 });
      await page.close();
    });
  });

  describe("for screen readers", () => {
    it("announces in a live region when someone raises a hand", { timeout: 90_000 }, async () => {
      const a = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const b = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      await enterCircle(a, hearth.url, "Calm Willow");
      await enterCircle(b, hearth.url, "Kind Sparrow");
      await b.getByRole("button", { name: "Raise hand" }).click();
      const region = a.getByTestId("announcer");
      await region.getByText("Kind Sparrow raised a hand.").waitFor({ timeout: 10_000 });
      expect(await region.getAttribute("aria-live")).toBe("polite");
      await a.close();
      await b.close();
    });
  });

  describe("on a phone", () => {
    for (const [orientation, device] of [["portrait", devices["Pixel 7"]], ["landscape", devices["Pixel 7 landscape"]]] as const) {
      it(`works in ${orientation}: the bar wraps inside the screen and a finger looks around`, { timeout: 120_000 }, async () => {
        const context = await browser.newContext({ ...device });
        const page = await context.newPage();
        await enterCircle(page, hearth.url, orientation === "portrait" ? "Gentle Oak" : "Bright Finch", { timeout: 60_000 });
        const bar = await page.getByRole("navigation", { name: "Circle controls" }).boundingBox();
        const width = await page.evaluate(() => window.innerWidth);
        expect(bar).not.toBeNull();
        expect(bar!.x).toBeGreaterThanOrEqual(0);
        expect(bar!.x + bar!.width).toBeLessThanOrEqual(width + 1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

        // The scene takes the whole screen once it has measured it (slow on a loaded machine).
        await page.waitForFunction(() => (document.querySelector(".circle-canvas canvas")?.getBoundingClientRect().width ?? 0) >= window.innerWidth - 1, undefined, { timeout: 20_000 });
        const before = await page.evaluate(() => window.__hearth.look().yaw);
        await swipe(page, width);
        await page.waitForFunction((b) => Math.abs(window.__hearth.look().yaw - b) > 0.2, before, { timeout: 10_000 });
        await screenshot(page, `circle-phone-${orientation}-access`);
        // Held sideways, the people list starts folded (it would cover half the scene) and opens with a tap.
        const people = page.locator("aside.people details");
        expect(await people.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(orientation === "portrait");
        if (orientation === "landscape") {
          // On a busy machine Chromium can take a tap for a long press (no click): tap again then.
          const isOpen = () => people.evaluate((d) => (d as HTMLDetailsElement).open);
          for (let attempt = 0; attempt < 3 && !(await isOpen()); attempt++) {
            await people.locator("summary").tap();
            await expect.poll(isOpen, { timeout: 1000 }).toBe(true).catch(() => undefined);
          }
          expect(await isOpen()).toBe(true);
        }
        await context.close();
      });
    }
  });
});

/** A one-finger swipe across the middle of the screen, through the DevTools protocol's touch input. */
async function swipe(page: Page, width: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const y = (await page.evaluate(() => window.innerHeight)) * 0.45;
  const start = width * 0.6;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: start, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: start - (width * 0.3 * i) / 10, y }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}
