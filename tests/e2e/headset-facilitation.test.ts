/**
 * The facilitator's panel in VR: a facilitator in a headset opens it from the lap menu and mutes a
 * participant (on a desktop) from it, then allows them to speak again.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle, participantOn } from "./support/enter.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/safety-hook.ts";

const FACILITATOR_KEY = "e2e-vr-facilitator-key-0123";

describe("a facilitator in VR, using the facilitator panel", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let facilitator: Page;
  let participant: Page;
  let participantId: string;
  const errors: string[] = [];

  /** Presses a VR button once it is in the scene. An immersive session gives the page no animation frames: poll on a timer. */
  async function press(label: string): Promise<void> {
    await facilitator.waitForFunction((l) => window.__hearthSafety.xrButtons().includes(l), label, { timeout: 20_000, polling: 100 });
    expect(await facilitator.evaluate((l) => window.__hearthSafety.xrPress(l), label), `the VR button "${label}"`).toBe(true);
  }

  beforeAll(async () => {
    hearth = await startHearthForTest({ FACILITATOR_KEY });
    browser = await launchChromium();
    facilitator = await browser.newPage({ viewport: { width: 800, height: 500 } });
    participant = await browser.newPage({ viewport: { width: 800, height: 500 } });
    errors.push(...watchErrors(facilitator), ...watchErrors(participant));
    await enterCircle(facilitator, hearth.url, "Sam Facilitator", { query: "&xr-emulator", facilitatorKey: FACILITATOR_KEY });
    participantId = await enterCircle(participant, hearth.url, "Quiet Otter");
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("enters VR and opens the facilitator panel from the lap menu", { timeout: 90_000 }, async () => {
    await facilitator.getByRole("button", { name: "Enter VR" }).click();
    await facilitator.waitForFunction(() => window.__hearth.xr().active, undefined, { timeout: 45_000, polling: 100 });
    await press("Facilitate");
    await facilitator.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Mute all"), undefined, { timeout: 20_000, polling: 100 });
    const buttons = await facilitator.evaluate(() => window.__hearthSafety.xrButtons());
    expect(buttons).toEqual(expect.arrayContaining(["Hide facilitation", "Lock", "Mute all", "Start round", "Mute Quiet Otter"]));
    // Only the others are listed: never a button to mute yourself.
    expect(buttons).not.toContain("Mute Sam Facilitator");
  });

  it("mutes the participant from the VR panel: the server holds their microphone and tells them", { timeout: 60_000 }, async () => {
    await press("Mute Quiet Otter");
    await participant.waitForFunction(
      (id) => window.__hearth.connection().participants.find((p) => p.id === id)?.micAllowed === false,
      participantId,
      { timeout: 10_000 },
    );
    expect(await participantOn(participant, participantId)).toMatchObject({ micAllowed: false, mutedByFacilitator: true });
    await participant.getByText("The facilitator has muted you for now.").waitFor({ timeout: 10_000 });
    // The panel follows: the same row now offers to let them speak.
    await facilitator.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Allow Quiet Otter"), undefined, { timeout: 10_000, polling: 100 });
    await screenshot(facilitator, "headset-facilitator-panel");
  });

  it("allows them to speak again from the VR panel", { timeout: 60_000 }, async () => {
    await press("Allow Quiet Otter");
    await participant.waitForFunction(
      (id) => window.__hearth.connection().participants.find((p) => p.id === id)?.micAllowed === true,
      participantId,
      { timeout: 10_000 },
    );
    expect(await participantOn(participant, participantId)).toMatchObject({ micAllowed: true, mutedByFacilitator: false });
    await facilitator.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Mute Quiet Otter"), undefined, { timeout: 10_000, polling: 100 });
  });

  it("steps through the circle's guide from the VR panel: its prompt in VR, its card for the participant", { timeout: 60_000 }, async () => {
    await press("Start the guide");
    const card = participant.getByRole("complementary", { name: "Now in the circle" });
    await card.getByText("Welcome. You don't have to say anything.").waitFor({ timeout: 10_000 });
    await press("Next step");
    await participant.waitForFunction(() => window.__hearth.connection().flow.guideStep === 1, undefined, { timeout: 10_000 });
    expect(await participant.evaluate(() => window.__hearth.connection().phase)).toBe("checkin");
    await card.getByText(/^Check-in: one word/).waitFor({ timeout: 10_000 });
    expect(await facilitator.evaluate(() => window.__hearthSafety.xrButtons())).toEqual(expect.arrayContaining(["Previous step", "Next step"]));
  });

  it("stays in VR and in the circle, with no page errors", async () => {
    expect(await facilitator.evaluate(() => [window.__hearth.xr().active, window.__hearth.connection().status])).toEqual([true, "in-circle"]);
    expect(errors).toEqual([]);
  });
});
