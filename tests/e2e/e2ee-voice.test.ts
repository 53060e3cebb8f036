/**
 * Encrypted voice from a real browser: Chromium's Hearth client makes its key pair, takes part in
 * the room's key exchange with a bot, and encrypts its microphone with LiveKit's E2EE worker. A bot
 * holding the circle key hears the browser's tone; a bot in the same voice room without it does not.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dispose } from "@livekit/rtc-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait.ts";
import { joinCircle, type Seat, tokenFor, VoiceBot } from "../voice/support/bots.ts";
import { e2eeOptions, joinKeyExchange, type KeySeat, useCircleKey } from "../voice/support/e2ee.ts";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { writeNoiseWav, writeToneWav } from "./support/tone-wav.ts";

let baseUrl = "";

describe("when a browser speaks in an encrypted circle", () => {
  let hearth: VoiceHearth;
  let browser: Browser;
  let page: Page;
  let idA: string;
  let seat: Seat;
  let keys: KeySeat;
  let member: VoiceBot;
  let outsider: VoiceBot;
  const errors: string[] = [];
  const seats: Seat[] = [];

  beforeAll(async () => {
    hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client" });
    baseUrl = `http://localhost:${hearth.port}`;
    const wav = writeToneWav(path.join(mkdtempSync(path.join(tmpdir(), "hearth-tone-")), "tone.wav"));
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
    page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    errors.push(...watchErrors(page));
    // The tone is not speech: a noise filter would rightly remove it (tests/e2e/voice-settings checks the filter).
    idA = await enterAs(page, "Quiet Otter", { noiseFilter: false });

    seat = await joinCircle(hearth.wsUrl, "Steady Heron");
    seats.push(seat);
    member = await VoiceBot.connect(await tokenFor(hearth.httpUrl, seat), { encryption: e2eeOptions() });
    keys = await joinKeyExchange(seat, (key) => useCircleKey(member, key));
    const plainSeat = await joinCircle(hearth.wsUrl, "Curious Wren"); // in the circle, not in the key exchange
    seats.push(plainSeat);
    outsider = await VoiceBot.connect(await tokenFor(hearth.httpUrl, plainSeat));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([member, outsider].map((bot) => bot?.close()));
    await Promise.all(seats.filter((s) => s.room.connection.isOpen).map((s) => s.room.leave()));
    await browser?.close();
    await hearth?.close();
    await dispose();
  });

  it("shows the same security code as everyone else holding the key", { timeout: 60_000 }, async () => {
    const code = page.getByTestId("voice-encryption");
    await waitFor("the bot's key", () => keys.exchange.current);
    await expect.poll(async () => (await code.textContent())?.replace(/\D/g, ""), { timeout: 20_000 }).toBe(
      keys.exchange.current!.code.replace(/\D/g, ""),
    );
    await screenshot(page, "e2ee-security-code");
  });

  it("is heard by a member holding the circle key, and only as noise by a listener without it", { timeout: 60_000 }, async () => {
    const heard = member.listenTo(idA);
    const overheard = outsider.listenTo(idA);
    await waitFor("the member to hear the browser's tone", () => heard.audibleAt.length >= 20, 30_000);
    const since = performance.now();
    await waitFor("two more seconds of the tone", () => heard.audibleCountSince(since) >= 100, 10_000);
    expect(overheard.frames).toBeGreaterThan(0);
    expect(overheard.audibleAt).toHaveLength(0);
    expect(errors.filter((e) => /encrypt|decrypt/i.test(e))).toEqual([]);
  });

  it("with the noise filter on (the default), steady noise in the microphone is removed before it leaves the device", { timeout: 120_000 }, async () => {
    const noisyWav = writeNoiseWav(path.join(mkdtempSync(path.join(tmpdir(), "hearth-noise-")), "noise.wav"));
    const noisy = await launchChromium([`--use-file-for-fake-audio-capture=${noisyWav}`]);
    try {
      const [filteredPage, rawPage] = [await noisy.newPage(), await noisy.newPage()];
      const filteredId = await enterAs(filteredPage, "Gentle Oak", {});
      const rawId = await enterAs(rawPage, "Lucky Wren", { noiseFilter: false });
      const [filtered, raw] = [member.listenTo(filteredId), member.listenTo(rawId)];
      await waitFor("audio from both", () => filtered.frames > 100 && raw.frames > 100, 60_000).catch((error: Error) => {
        throw new Error(`${error.message} (filtered ${filtered.frames} frames, raw ${raw.frames})`);
      });
      const [filteredStart, rawStart, rawFramesStart] = [filtered.loudFrames, raw.loudFrames, raw.frames];
      await waitFor("three more seconds", () => filtered.frames > 400 && raw.frames > 400, 20_000);
      const rawLoud = raw.loudFrames - rawStart;
      // Unfiltered, the noise is loud in most frames (counted against the frames that arrived: a busy machine delivers fewer)…
      expect(rawLoud).toBeGreaterThan((raw.frames - rawFramesStart) * 0.35);
      expect(filtered.loudFrames - filteredStart).toBeLessThan(rawLoud / 4); // …filtered, mostly gone
    } finally {
      await noisy.close();
    }
  });

  it("with a disguise, the voice arrives shifted in pitch and everyone sees it marked as disguised", { timeout: 90_000 }, async () => {
    const disguised = await browser.newPage({ viewport: { width: 900, height: 600 } });
    errors.push(...watchErrors(disguised));
    const idC = await enterAs(disguised, "Lucky Finch", { noiseFilter: false, disguise: "deeper" });
    await waitFor("the disguised mark", () => seat.room.state.participants.get(idC)?.disguised === true, 45_000);
    const heard = member.listenTo(idC, 352); // 440 Hz × 0.8
    const original = member.listenTo(idC);
    await waitFor("the shifted tone", () => heard.audibleAt.length >= 50, 30_000);
    expect(original.audibleAt.length).toBeLessThan(heard.audibleAt.length / 5);
    await expect.poll(() => page.locator(`aside.people li[data-participant="${idC}"]`).textContent(), { timeout: 10_000 }).toContain("disguised");
    await disguised.close();
  });
});

async function enterAs(page: Page, pseudonym: string, settings: Record<string, unknown>): Promise<string> {
  await page.addInitScript((saved) => localStorage.setItem("hearth.voiceSettings", saved), JSON.stringify(settings));
  await page.goto(`${baseUrl}/?e2e=1`);
  await page.getByLabel(/Pseudonym/).fill(pseudonym);
  await page.getByRole("button", { name: "Enter the circle" }).click();
  await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle");
  return page.evaluate(() => window.__hearth.connection().selfId!);
}
