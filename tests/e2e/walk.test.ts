/**
 * Defects found on a walk through the circle as a new user (issue 20): a second window of the
 * same browser, chat after a block, the talking piece in 3D, and requests to other hosts.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, watchErrors } from "./support/browser.ts";
import { enterCircle } from "./support/enter.ts";
import { isForeign, takeForeignRequests } from "./support/foreign-requests.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/safety-hook.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-the-walk";
const chatOf = (page: Page) => page.evaluate(() => window.__hearthSafety.state().chat.map((m) => m.text));

describe("a walk through the circle as a new user", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ FACILITATOR_KEY });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  describe("when the same browser opens a second window to meet itself", () => {
    it("offers the second window a fresh name, and both are in the circle as two people", { timeout: 90_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
      const first = await context.newPage();
      errors.push(...watchErrors(first));
      const firstId = await enterCircle(first, hearth.url, "Quiet Otter");

      const second = await context.newPage();
      errors.push(...watchErrors(second));
      await second.goto(`${hearth.url}/?e2e=1`);
      const name = second.getByLabel(/Pseudonym/);
      await second.waitForFunction(() => {
        const input = document.querySelector<HTMLInputElement>("input[name=pseudonym], #pseudonym");
        return input && input.value !== "" && input.value !== "Quiet Otter";
      }, undefined, { timeout: 10_000 });
      const fresh = await name.inputValue();
      expect(fresh).not.toBe("Quiet Otter");
      await second.getByRole("button", { name: "Enter the circle" }).click();
      await second.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, { timeout: 30_000 });
      await first.waitForFunction((n) => window.__hearth.connection().participants.some((p) => p.pseudonym === n), fresh);
      const names = await second.evaluate(() => window.__hearth.connection().participants.map((p) => p.pseudonym));
      expect(names.sort()).toEqual([fresh, "Quiet Otter"].sort());
      expect(await second.evaluate(() => window.__hearth.connection().selfId)).not.toBe(firstId);
      await context.close();
    });
  });

  describe("when someone blocks another", () => {
    it("hides both ways what each already said in the chat, and what comes after", { timeout: 90_000 }, async () => {
      const a = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const b = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      errors.push(...watchErrors(a), ...watchErrors(b));
      await enterCircle(a, hearth.url, "Gentle Oak");
      const idB = await enterCircle(b, hearth.url, "Steady Heron");
      for (const [page, text] of [[a, "I live near the old mill"], [b, "Good to be here"]] as const) {
        await page.getByRole("button", { name: /^Chat/ }).click();
        await page.getByLabel("Message").fill(text);
        await page.getByRole("button", { name: "Send" }).click();
      }
      for (const page of [a, b]) await page.waitForFunction(() => window.__hearthSafety.state().chat.length === 2);

      a.once("dialog", (d) => void d.accept());
      await a.locator(`li[data-participant="${idB}"]`).getByRole("button", { name: /Safety options/ }).click();
      await a.getByRole("menuitem", { name: "Block" }).click();
      await a.waitForFunction(() => window.__hearthSafety.state().chat.length === 1);
      await b.waitForFunction(() => window.__hearthSafety.state().chat.length === 1);
      expect(await chatOf(a)).toEqual(["I live near the old mill"]);
      expect(await chatOf(b)).toEqual(["Good to be here"]);
      expect(await b.getByText("I live near the old mill").count()).toBe(0);

      await a.getByLabel("Message").fill("Still here");
      await a.getByRole("button", { name: "Send" }).click();
      await a.waitForFunction(() => window.__hearthSafety.state().chat.length === 2);
      await b.waitForTimeout(500);
      expect(await chatOf(b)).toEqual(["Good to be here"]);
      await a.close();
      await b.close();
    });
  });

  describe("when a facilitator starts a talking-piece round", () => {
    it("shows the piece in its holder's hand, on the holder's page and on the others'", { timeout: 90_000 }, async () => {
      const f = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const p = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      errors.push(...watchErrors(f), ...watchErrors(p));
      await enterCircle(f, hearth.url, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
      await enterCircle(p, hearth.url, "Bright Finch");
      expect(await p.evaluate(() => window.__hearth.talkingPiece().visible)).toBe(false);

      await f.getByRole("button", { name: "Start round" }).click();
      const holder = await p.waitForFunction(() => window.__hearth.talkingPiece().holder || null, undefined, { timeout: 15_000 });
      const holderId = (await holder.jsonValue()) as string;
      const holderPage = holderId === (await f.evaluate(() => window.__hearth.connection().selfId)) ? f : p;
      const otherPage = holderPage === f ? p : f;
      await holderPage.waitForFunction((id) => window.__hearth.talkingPiece().holder === id, holderId);
      const seen = await otherPage.evaluate(() => window.__hearth.talkingPiece());
      const hand = (await otherPage.evaluate(() => window.__hearth.avatars()))[holderId]!.right;
      expect(seen.visible).toBe(true);
      expect(Math.hypot(seen.position[0] - hand[0], seen.position[1] - hand[1], seen.position[2] - hand[2])).toBeLessThan(0.15);

      await f.getByRole("button", { name: "End round" }).click();
      await p.waitForFunction(() => !window.__hearth.talkingPiece().visible);
      await f.close();
      await p.close();
    });
  });

  describe("the request guard every e2e browser carries", () => {
    it("records a request to a host other than Hearth's and LiveKit's, so the test would fail", async () => {
      expect(isForeign("http://localhost:7880/rtc")).toBe(false);
      expect(isForeign("http://127.0.0.1:3000/")).toBe(false);
      expect(isForeign("https://cdn.jsdelivr.net/npm/@webxr-input-profiles/assets/dist/profiles/profilesList.json")).toBe(true);
      // Hearth's CSP stops such a fetch in the page; the guard also catches what a CSP would let through.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${hearth.url}/?e2e=1`);
      await page.evaluate(() => fetch("http://example.invalid/ping").catch(() => undefined));
      expect(takeForeignRequests()).toEqual(["GET http://example.invalid/ping"]);
      await context.close();
    });
  });

  it("logged no page errors on the way", () => {
    expect(errors).toEqual([]);
  });
});
