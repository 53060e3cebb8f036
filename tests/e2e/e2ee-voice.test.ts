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
import { writeToneWav } from "./support/tone-wav.ts";

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
    const wav = writeToneWav(path.join(mkdtempSync(path.join(tmpdir(), "hearth-tone-")), "tone.wav"));
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
    page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    errors.push(...watchErrors(page));
    // The tone is not speech: a noise filter would rightly remove it (tests/e2e/voice-settings checks the filter).
    await page.addInitScript(() => localStorage.setItem("hearth.voiceSettings", JSON.stringify({ noiseFilter: false })));
    await page.goto(`http://localhost:${hearth.port}/?e2e=1`);
    await page.getByLabel(/Pseudonym/).fill("Quiet Otter");
    await page.getByRole("button", { name: "Enter the circle" }).click();
    await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle");
    idA = await page.evaluate(() => window.__hearth.connection().selfId!);

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
});
