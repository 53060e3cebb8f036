import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";
import { enterCircle, selfOf } from "./support/enter.ts";
import "./support/safety-hook.ts";

const FACILITATOR_KEY = "e2e-facilitator-key-0123";
const CRISIS = {
  countries: [{ country: "GB", name: "United Kingdom", lines: [{ name: "Test Listening Line", contact: "116 123", hours: "24 hours" }] }],
};

const safetyState = (page: Page) => page.evaluate(() => window.__hearthSafety.state());

/** Opens the lobby asking for the agreements (as a first visit does), checks them, and enters after accepting them. */
const enterAccepting = (page: Page, url: string, pseudonym: string, query = "", facilitatorKey?: string) =>
  enterCircle(page, url, pseudonym, { query, facilitatorKey, agreements: expectTheAgreements });

async function expectTheAgreements(dialog: Locator): Promise<void> {
  for (const agreement of ["Confidentiality", "Respect", "Speak from your own experience", "No unsolicited advice", "not a crisis or therapy service"]) {
    expect(await dialog.getByText(agreement).count()).toBeGreaterThan(0);
  }
}

describe("safety in the browser", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let f: Page;
  let idA: string;
  let idB: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ FACILITATOR_KEY, CRISIS_RESOURCES: JSON.stringify(CRISIS) });
    browser = await launchChromium();
    const context = { viewport: { width: 1100, height: 700 }, locale: "en-GB" };
    a = await browser.newPage(context);
    b = await browser.newPage(context);
    f = await browser.newPage(context);
    errors.push(...watchErrors(a), ...watchErrors(b), ...watchErrors(f));
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  // Three pages render the scene in software (SwiftShader) at once: each step is slow, and slower on a busy machine.
  describe("on the desktop", { timeout: 60_000 }, () => {
    it("asks for the community agreements before the first circle, and not again on this device", async () => {
      idA = await enterAccepting(a, hearth.url, "Quiet Otter");
      await a.getByRole("button", { name: "Leave" }).click();
      await a.waitForFunction(() => window.__hearth.connection().status !== "in-circle");
      await a.goto(`${hearth.url}/?e2e=1&agreements`);
      await a.getByLabel(/Pseudonym/).fill("Quiet Otter");
      await a.getByRole("button", { name: "Enter the circle" }).click();
      await a.waitForFunction(() => window.__hearth?.connection().status === "in-circle");
      expect(await a.getByRole("dialog", { name: /community agreements/ }).count()).toBe(0);
      idA = await a.evaluate(() => window.__hearth.connection().selfId!);
    });

    it("does not enter when the agreements are declined", async () => {
      await b.goto(`${hearth.url}/?e2e=1&agreements`);
      await b.getByLabel(/Pseudonym/).fill("Steady Heron");
      await b.getByRole("button", { name: "Enter the circle" }).click();
      await b.getByRole("dialog", { name: /community agreements/ }).getByRole("button", { name: "Not now" }).click();
      await b.waitForTimeout(300);
      expect(await b.evaluate(() => window.__hearth?.connection().status ?? "idle")).not.toBe("in-circle");
      idB = await enterAccepting(b, hearth.url, "Steady Heron");
      await a.waitForFunction((id) => window.__hearth.connection().participants.some((p) => p.id === id), idB);
    });

    it("steps out (microphone off, circle quieter, away for others) and comes back in one action", async () => {
      const before = await safetyState(a);
      expect(before.selfMuted).toBe(false);
      await a.getByRole("button", { name: "Step out" }).click();
      await a.waitForFunction(() => window.__hearthSafety.state().steppedOut);
      const away = await safetyState(a);
      expect(away.selfMuted).toBe(true);
      expect(away.masterVolume).toBeLessThan(before.masterVolume);
      await b.waitForFunction((id) => window.__hearth.connection().participants.find((p) => p.id === id)?.away === true, idA);
      await screenshot(a, "safety-stepped-out");

      await a.getByRole("button", { name: "I'm back" }).click();
      await b.waitForFunction((id) => window.__hearth.connection().participants.find((p) => p.id === id)?.away === false, idA);
      const back = await safetyState(a);
      expect(back).toMatchObject({ steppedOut: false, selfMuted: false, masterVolume: before.masterVolume });
    });

    it("opens the deployment's crisis resources in one click, with the plain emergency advice first", async () => {
      await a.getByRole("button", { name: "Crisis support" }).click();
      const dialog = a.getByRole("dialog", { name: "Crisis support" });
      await dialog.waitFor();
      expect(await dialog.textContent()).toMatch(/not a crisis service/);
      expect(await dialog.textContent()).toMatch(/emergency number/);
      expect(await dialog.getByText("Test Listening Line").count()).toBe(1);
      // The configured line replaces the default for its country; the defaults for other countries stay, folded.
      expect(await dialog.getByRole("region", { name: "United Kingdom" }).getByText("116 123").count()).toBe(1);
      expect(await dialog.getByText("Samaritans", { exact: true }).count()).toBe(0);
      expect(await dialog.getByText("Other countries").count()).toBe(1);
      // Folded (hidden until "Other countries" is opened), but there.
      expect(await dialog.getByRole("region", { name: "United States", includeHidden: true }).getByText("988", { exact: true }).count()).toBe(1);
      await screenshot(a, "safety-crisis-desktop");
      await dialog.getByRole("button", { name: "Close" }).click();
      await a.waitForFunction(() => !window.__hearthSafety.state().crisisOpen);
    });

    it("shows the personal boundary as on, and lets it be turned off and on", async () => {
      expect((await safetyState(a)).boundary).toBe(true);
      await a.getByRole("button", { name: "Boundary on" }).click();
      expect((await safetyState(a)).boundary).toBe(false);
      await a.getByRole("button", { name: "Boundary off" }).click();
      expect((await safetyState(a)).boundary).toBe(true);
    });

    it("asks before sending a personal detail to the chat, and sends ordinary text straight away", async () => {
      await a.getByRole("button", { name: /^Chat/ }).click();
      const input = a.getByLabel("Message");
      await input.fill("my number is 07700 900123");
      await a.getByRole("button", { name: "Send" }).click();
      await a.getByText("Share this personal detail with the circle?").waitFor();
      await a.getByRole("button", { name: "Edit message" }).click();
      await input.fill("Thanks for having me tonight");
      await a.getByRole("button", { name: "Send" }).click();
      await b.waitForFunction(() => window.__hearthSafety.state().chat.some((m) => m.text === "Thanks for having me tonight"));
      expect((await safetyState(b)).chat.map((m) => m.text)).toEqual(["Thanks for having me tonight"]);
    });

    it("reports someone to the facilitator privately, and mutes them for the reporter", async () => {
      await enterAccepting(f, hearth.url, "Facilitator Sam", "", FACILITATOR_KEY);
      expect((await selfOf(f)) as unknown).toMatchObject({ role: "facilitator" });
      await b.locator(`li[data-participant="${idA}"]`).getByRole("button", { name: /Safety options/ }).click();
      await b.getByRole("menuitem", { name: "Report…" }).click();
      const dialog = b.getByRole("dialog", { name: "Report Quiet Otter" });
      await dialog.getByLabel("Harassment or bullying").check();
      await dialog.getByLabel(/Anything the facilitators should know/).fill("Talked over me twice");
      await dialog.getByRole("button", { name: "Send report" }).click();
      await f.waitForFunction(() => window.__hearthSafety.state().reports.length === 1);
      expect((await safetyState(f)).reports[0]).toMatchObject({ targetId: idA, category: "harassment", note: "Talked over me twice" });
      await f.getByRole("region", { name: "Reports" }).getByText("Talked over me twice").waitFor();
      await screenshot(f, "safety-facilitator-reports");
      expect((await safetyState(b)).mutedForMe).toEqual([idA]);
      expect((await safetyState(a)).reports).toEqual([]);
    });

    it("blocks from the people list: each disappears for the other", async () => {
      b.once("dialog", (d) => void d.accept());
      await b.locator(`li[data-participant="${idA}"]`).getByRole("button", { name: /Safety options/ }).click();
      await b.getByRole("menuitem", { name: "Block" }).click();
      await b.waitForFunction((id) => !window.__hearth.connection().participants.some((p) => p.id === id), idA);
      await a.waitForFunction((id) => !window.__hearth.connection().participants.some((p) => p.id === id), idB);
      expect((await safetyState(b)).blocked).toEqual([{ id: idA, pseudonym: "Quiet Otter" }]);
      // The facilitator still sees both.
      const seen = await f.evaluate(() => window.__hearth.connection().participants.map((p) => p.id));
      expect(seen).toEqual(expect.arrayContaining([idA, idB]));
      await b.getByText("Blocked (1)").click();
      await b.getByRole("button", { name: "Unblock" }).click();
      await b.waitForFunction((id) => window.__hearth.connection().participants.some((p) => p.id === id), idA);
    });
  });

  describe("in VR (IWER)", () => {
    let v: Page;

    /**
     * Presses a button of the in-VR menu: the test hook runs the button's click handler, as a
     * controller's select on it does (an immersive session gives the page no animation frames,
     * so nothing here can wait for a DOM click either).
     */
    // An immersive session gives the page no animation frames: poll on a timer, not per frame.
    async function press(label: string): Promise<void> {
      await v.waitForFunction((l) => window.__hearthSafety.xrButtons().includes(l), label, { timeout: 20_000, polling: 100 });
      expect(await v.evaluate((l) => window.__hearthSafety.xrPress(l), label), `the VR button "${label}"`).toBe(true);
    }

    beforeAll(async () => {
      // Two cores render every page with SwiftShader: close the desktop pages that are done.
      await a.close();
      await b.close();
      v = await browser.newPage({ viewport: { width: 800, height: 500 }, locale: "en-GB" });
      errors.push(...watchErrors(v));
    });

    it("accepts the agreements in the headset's browser and enters VR", async () => {
      await enterAccepting(v, hearth.url, "Calm Harbour", "&xr-emulator");
      await v.getByRole("button", { name: "Enter VR" }).click();
      await v.waitForFunction(() => window.__hearth.xr().active, undefined, { timeout: 45_000, polling: 100 });
      await v.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Crisis support"), undefined, { timeout: 20_000, polling: 100 });
    }, 90_000);

    it("steps out and back from the VR menu", { timeout: 60_000 }, async () => {
      const id = await v.evaluate(() => window.__hearth.connection().selfId!);
      await press("Step out");
      await v.waitForFunction(() => window.__hearthSafety.state().steppedOut, undefined, { polling: 100 });
      expect((await safetyState(v)).selfMuted).toBe(true);
      await f.waitForFunction((i) => window.__hearth.connection().participants.find((p) => p.id === i)?.away === true, id);
      await press("I'm back");
      await f.waitForFunction((i) => window.__hearth.connection().participants.find((p) => p.id === i)?.away === false, id);
      expect((await safetyState(v)).steppedOut).toBe(false);
    });

    it("opens crisis resources from the VR menu as a panel in the scene", { timeout: 60_000 }, async () => {
      await press("Crisis support");
      await v.waitForFunction(() => window.__hearthSafety.state().crisisOpen, undefined, { polling: 100 });
      await v.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Close crisis support"), undefined, { polling: 100 });
      await screenshot(v, "safety-crisis-vr");
      await press("Close crisis support");
      await v.waitForFunction(() => !window.__hearthSafety.state().crisisOpen, undefined, { polling: 100 });
      // Leaving VR (DOM button: an immersive session gives the page no animation frames).
      await v.getByRole("button", { name: "Exit VR" }).dispatchEvent("click");
      await v.waitForFunction(() => !window.__hearth.xr().active, undefined, { polling: 100 });
      expect(errors).toEqual([]);
    });
  });
});
