/**
 * A facilitator's private 1:1 conversation in real browsers with the real LiveKit server (issue 14):
 * opened from the facilitator's panel on the desktop, from a support flag for someone in a headset,
 * and from the facilitator's own VR panel. A third participant hears and reads nothing of it: the
 * SFU lists the two in a voice room of their own, and the third's page places no voice for them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle } from "./support/enter.ts";
import "./support/safety-hook.ts";

const FACILITATOR_KEY = "e2e-private-talk-facilitator-key";

describe("a private conversation between a facilitator and a participant", { timeout: 150_000 }, () => {
  let hearth: VoiceHearth;
  let browser: Browser;
  let f: Page;
  let a: Page;
  let c: Page;
  let idF: string;
  let idA: string;
  let idC: string;
  let mainRoom: string;
  const errors: string[] = [];

  const spaceOf = (page: Page, id: string) =>
    page.evaluate((i) => window.__hearth.connection().participants.find((p) => p.id === i)?.space ?? null, id);
  const identitiesIn = async (room: string) => (await hearth.liveKitApi.listParticipants(room).catch(() => [])).map((p) => p.identity).sort();
  /** The private voice room the SFU holds for this circle, once there is one with people in it. */
  async function privateVoiceRoom(): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const rooms = await hearth.liveKitApi.listRooms();
      const found = rooms.find((r) => r.name.startsWith(`${mainRoom}~private-`) && r.numParticipants > 0);
      if (found) return found.name;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("no private voice room at the SFU");
  }
  async function voiceConnected(page: Page): Promise<void> {
    await page.waitForFunction(() => window.__hearth.voice().status === "connected", undefined, { timeout: 30_000, polling: 100 });
  }
  /** Presses a VR button once it is in the scene (an immersive session gives the page no animation frames: poll on a timer). */
  async function press(page: Page, label: string): Promise<void> {
    await page.waitForFunction((l) => window.__hearthSafety.xrButtons().includes(l), label, { timeout: 20_000, polling: 100 });
    expect(await page.evaluate((l) => window.__hearthSafety.xrPress(l), label), `the VR button "${label}"`).toBe(true);
  }
  /** The two are in one private voice room at the SFU, the third alone in the circle's, and the third's page places no voice for them. */
  async function onlyTheTwoHearEachOther(): Promise<string> {
    const room = await privateVoiceRoom();
    await expect.poll(() => identitiesIn(room), { timeout: 30_000 }).toEqual([idA, idF].sort());
    await expect.poll(() => identitiesIn(mainRoom), { timeout: 30_000 }).toEqual([idC]);
    const panners = await c.evaluate(() => Object.keys(window.__hearth.voice().panners));
    expect(panners).not.toContain(idA);
    expect(panners).not.toContain(idF);
    return room;
  }
  async function bothBack(): Promise<void> {
    await c.waitForFunction((ids) => ids.every((i) => window.__hearth.connection().participants.find((p) => p.id === i)?.space === "main"), [idA, idF], { timeout: 20_000, polling: 100 });
    await expect.poll(() => identitiesIn(mainRoom), { timeout: 30_000 }).toEqual([idA, idC, idF].sort());
  }

  beforeAll(async () => {
    hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client", FACILITATOR_KEY });
    browser = await launchChromium();
    const url = `http://localhost:${hearth.port}`;
    const page = () => browser.newPage({ viewport: { width: 1000, height: 650 } });
    [f, a, c] = [await page(), await page(), await page()];
    for (const page of [f, a, c]) errors.push(...watchErrors(page));
    idF = await enterCircle(f, url, "Sam Facilitator", { query: "&xr-emulator", facilitatorKey: FACILITATOR_KEY });
    idA = await enterCircle(a, url, "Quiet Otter", { query: "&xr-emulator" });
    idC = await enterCircle(c, url, "Steady Heron");
    await Promise.all([f, a, c].map(voiceConnected));
    // The one circle of this test: its voice room is the one without a space suffix.
    const rooms = await hearth.liveKitApi.listRooms();
    mainRoom = rooms.find((r) => r.name.startsWith("hearth-") && !r.name.includes("~"))!.name;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("on the desktop: opened from the facilitator's panel, the two talk and write where the third cannot", async () => {
    await f.getByRole("button", { name: "Talk privately with Quiet Otter" }).click();
    await a.getByRole("status", { name: "Private conversation" }).getByText("Talking privately with Sam Facilitator.").waitFor({ timeout: 15_000 });
    await f.getByRole("status", { name: "Private conversation" }).getByText("Talking privately with Quiet Otter.").waitFor({ timeout: 15_000 });
    await c.waitForFunction((ids) => ids.every((i) => !window.__hearth.connection().participants.some((p) => p.id === i)), [idA, idF], { timeout: 15_000 });
    await Promise.all([f, a].map(voiceConnected));
    await onlyTheTwoHearEachOther();

    await a.getByRole("button", { name: /^Chat/ }).click();
    await a.getByLabel("Message").fill("thank you for making the time");
    await a.getByRole("button", { name: "Send" }).click();
    await c.getByRole("button", { name: /^Chat/ }).click();
    await c.getByLabel("Message").fill("hello circle");
    await c.getByRole("button", { name: "Send" }).click();
    await f.waitForFunction(() => window.__hearthSafety.state().chat.some((m) => m.text === "thank you for making the time"), undefined, { timeout: 10_000 });
    await c.waitForFunction(() => window.__hearthSafety.state().chat.some((m) => m.text === "hello circle"), undefined, { timeout: 10_000 });
    expect((await c.evaluate(() => window.__hearthSafety.state().chat)).map((m) => m.text)).toEqual(["hello circle"]);
    expect((await f.evaluate(() => window.__hearthSafety.state().chat)).map((m) => m.text)).not.toContain("hello circle");
    await screenshot(a, "private-talk-desktop");

    await a.getByRole("button", { name: "Back to the circle" }).click();
    await bothBack();
    await a.getByText("The private conversation has ended. You're back where you were.").first().waitFor({ timeout: 10_000 });
  });

  it("in a headset: a participant asks for a facilitator, who opens it from the support flag; the way back is one press in VR", async () => {
    await a.getByRole("button", { name: "Enter VR" }).click();
    await a.waitForFunction(() => window.__hearth.xr().active, undefined, { timeout: 45_000, polling: 100 });
    await press(a, "Crisis support");
    await press(a, "Talk to a facilitator privately");
    const flag = f.locator(`li[data-support-participant="${idA}"]`).first();
    await flag.waitFor({ timeout: 15_000 });
    await flag.getByRole("button", { name: "Talk privately with Quiet Otter" }).click();
    await a.waitForFunction((fid) => window.__hearth.connection().participants.find((p) => p.id === fid)?.space.startsWith("private:"), idF, { timeout: 15_000, polling: 100 });
    await press(a, "Close crisis support");
    await a.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Back to the circle"), undefined, { timeout: 15_000, polling: 100 });
    await onlyTheTwoHearEachOther();
    await press(a, "Back to the circle");
    await bothBack();
  });

  it("from the facilitator's VR panel, and ended there", async () => {
    await f.getByRole("button", { name: "Enter VR" }).click();
    await f.waitForFunction(() => window.__hearth.xr().active, undefined, { timeout: 45_000, polling: 100 });
    await press(f, "Facilitate");
    await press(f, "Talk privately with Quiet Otter");
    await a.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Back to the circle"), undefined, { timeout: 15_000, polling: 100 });
    expect(await spaceOf(f, idA)).toMatch(/^private:/);
    await onlyTheTwoHearEachOther();
    await press(f, "End private conversation");
    await bothBack();
  });

  it("left no page errors", () => {
    expect(errors).toEqual([]);
  });
});
