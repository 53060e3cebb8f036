/**
 * The facilitator's panel in Chromium, with real voice: a facilitator mutes a participant from
 * the panel; the participant is told and sees their microphone held; a listener stops hearing them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle, UNFILTERED_MIC } from "./support/enter.ts";
import { voiceBytesFrom, waitForVoiceBytes } from "./support/voice-bytes.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-browsers";
/** How long to watch a voice's received bytes to call it flowing or stalled. */
const WATCH_MS = 2500;

/** Bytes `page` has received of `id`'s voice (0 when it has no track of theirs). */

/** How many bytes of `id`'s voice reach `page` over WATCH_MS. */
async function growthOver(page: Page, id: string): Promise<number> {
  const before = await voiceBytesFrom(page, id);
  await page.waitForTimeout(WATCH_MS);
  return Math.max(0, (await voiceBytesFrom(page, id)) - before);
}

describe("the facilitator's panel, in the browser", () => {
  let hearth: VoiceHearth;
  let browser: Browser;
  let facilitator: Page;
  let speaker: Page;
  let listener: Page;
  let speakerId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client", FACILITATOR_KEY });
    browser = await launchChromium();
    const url = `http://localhost:${hearth.port}`;
    const newPage = () => browser.newPage({ viewport: { width: 1100, height: 700 } });
    [facilitator, speaker, listener] = [await newPage(), await newPage(), await newPage()];
    for (const page of [facilitator, speaker, listener]) errors.push(...watchErrors(page));
    await enterCircle(facilitator, url, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
    speakerId = await enterCircle(speaker, url, "Quiet Otter", { micSettings: UNFILTERED_MIC });
    await enterCircle(listener, url, "Steady Heron");
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("shows the Facilitator panel to the facilitator only, listing the participants", async () => {
    const panel = facilitator.getByRole("complementary", { name: "Facilitator panel" });
    await panel.waitFor({ timeout: 10_000 });
    await panel.getByText("Quiet Otter").waitFor();
    await panel.getByText("Steady Heron").waitFor();
    expect(await speaker.getByRole("complementary", { name: "Facilitator panel" }).count()).toBe(0);
    expect(await listener.getByRole("complementary", { name: "Facilitator panel" }).count()).toBe(0);
    await screenshot(facilitator, "facilitation-panel");
  });

  it("mutes a participant from the panel: they are told, their button says so, and the listener stops hearing them", { timeout: 90_000 }, async () => {
    // The listener hears the speaker's (fake) microphone first.
    await waitForVoiceBytes(listener, speakerId, 1000, 30_000);
    const flowing = await growthOver(listener, speakerId);
    expect(flowing).toBeGreaterThan(2000);

    await facilitator.getByRole("button", { name: "Mute Quiet Otter" }).click();

    await speaker.getByText("The facilitator has muted you for now.").waitFor({ timeout: 10_000 });
    const held = speaker.getByRole("button", { name: "Muted by facilitator" });
    await held.waitFor();
    expect(await held.isDisabled()).toBe(true);
    await screenshot(speaker, "facilitation-participant-muted");

    await listener.waitForFunction(
      (id) => window.__hearth.connection().participants.find((p) => p.id === id)?.micAllowed === false,
      speakerId,
      { timeout: 10_000 },
    );
    await listener.waitForTimeout(1000); // packets already in flight
    const stalled = await growthOver(listener, speakerId);
    expect(stalled).toBeLessThan(flowing / 20);
    expect(await listener.evaluate((id) => window.__hearth.voice().speaking.includes(id), speakerId)).toBe(false);

    // The panel shows the new state and offers the way back.
    await facilitator.getByText(/muted by facilitator/).waitFor();
    await facilitator.getByRole("button", { name: "Allow to speak" }).waitFor();
    await screenshot(facilitator, "facilitation-panel-after-mute");
    await screenshot(listener, "facilitation-listener-after-mute");
  });

  it("allow to speak gives the participant their button back, still muted until they choose", { timeout: 60_000 }, async () => {
    await facilitator.getByRole("button", { name: "Allow to speak" }).click();
    await speaker.getByText("You can speak again whenever you're ready. Unmute yourself when you want to.").waitFor({ timeout: 10_000 });
    const unmute = speaker.getByRole("button", { name: "Unmute" });
    await unmute.waitFor();
    expect(await unmute.isEnabled()).toBe(true);
    expect(await speaker.evaluate(() => window.__hearth.voice().selfMuted)).toBe(true);

    await unmute.click();
    await waitForVoiceBytes(listener, speakerId, (await voiceBytesFrom(listener, speakerId)) + 2000, 30_000);
    await screenshot(speaker, "facilitation-participant-allowed");
    expect(errors).toEqual([]);
  });
});
