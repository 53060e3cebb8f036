import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium, OUTPUT_DIR, screenshot, watchErrors } from "./support/browser.ts";
import "./support/hook.ts";
import { UNFILTERED_MIC, useMicSettings } from "./support/enter.ts";

async function openLobby(page: Page, url: string): Promise<void> {
  await useMicSettings(page, UNFILTERED_MIC); // the voice-like buzz is not speech: see UNFILTERED_MIC
  await page.goto(`${url}/?e2e=1`);
  await page.getByLabel(/Pseudonym/).waitFor();
}

async function enter(page: Page, url: string, pseudonym: string, shape?: RegExp): Promise<string> {
  await openLobby(page, url);
  await page.getByLabel(/Pseudonym/).fill(pseudonym);
  if (shape) await page.getByLabel(shape).check();
  await page.getByRole("button", { name: "Enter the circle" }).click({ timeout: 60_000 });
  await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, { timeout: 60_000 });
  return page.evaluate(() => window.__hearth.connection().selfId!);
}

/**
 * A few seconds of a voice-like sound for Chromium's fake microphone (it loops the file): a low
 * buzz with harmonics, in syllables four times a second, loud enough that LiveKit calls it speech.
 * (The default fake device's short beep is mostly removed by the browser's noise suppression.)
 */
function voiceLikeWav(): string {
  const rate = 48_000;
  const samples = rate * 4;
  const data = Buffer.alloc(44 + samples * 2);
  data.write("RIFF", 0);
  data.writeUInt32LE(36 + samples * 2, 4);
  data.write("WAVEfmt ", 8);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(rate, 24);
  data.writeUInt32LE(rate * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write("data", 36);
  data.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const f0 = 130 + 25 * Math.sin(t * 2.1);
    let s = 0;
    for (let h = 1; h <= 8; h++) s += Math.sin(2 * Math.PI * f0 * h * t) / h;
    const syllable = Math.pow(Math.sin(Math.PI * 4 * t), 2);
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s * 0.45 * syllable)) * 32767), 44 + i * 2);
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, "fake-voice.wav");
  writeFileSync(file, data);
  return file;
}

const speakingLevel = (page: Page, id: string) => page.evaluate((who) => window.__hearth.speaking()[who] ?? 0, id);

describe("when people sit in the circle with voice", () => {
  let hearth: VoiceHearth;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let idA: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client" });
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${voiceLikeWav()}`]);
    a = await browser.newPage({ viewport: { width: 800, height: 500 } });
    b = await browser.newPage({ viewport: { width: 800, height: 500 } });
    errors.push(...watchErrors(a), ...watchErrors(b));
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("offers avatar shapes in the lobby with a sketch, and a live 3D preview on request", async () => {
    await openLobby(a, `http://localhost:${hearth.port}`);
    await a.locator(".avatar-sketch").waitFor();
    await a.getByRole("button", { name: "Preview in 3D" }).click();
    await a.locator(".avatar-preview canvas").waitFor();
    await a.getByLabel(/Lantern/).check();
    await a.waitForTimeout(500);
    await screenshot(a, "scene-lobby");
    expect(await a.getByLabel(/Lantern/).isChecked()).toBe(true);
  });

  it("gives each person the shape they chose, in the room's state", async () => {
    idA = await enter(a, `http://localhost:${hearth.port}`, "Quiet Otter", /Lantern/);
    await enter(b, `http://localhost:${hearth.port}`, "Steady Heron", /Pine/);
    const seen = await b.evaluate((id) => window.__hearth.connection().participants.find((p) => p.id === id), idA);
    expect((seen as { avatarStyle?: string } | undefined)?.avatarStyle).toBe("lantern");
  }, 150_000);

  it("lights A's speaking indicator on both pages from A's real microphone", async () => {
    for (const page of [a, b]) await page.waitForFunction(() => window.__hearth.voice().status === "connected", undefined, { timeout: 60_000 });
    // Chromium's fake microphone beeps: LiveKit hears it as speech and reports A's audio level.
    await b.waitForFunction((id) => (window.__hearth.speaking()[id] ?? 0) > 0.3, idA, { timeout: 60_000, polling: 100 });
    await a.waitForFunction((id) => (window.__hearth.speaking()[id] ?? 0) > 0.3, idA, { timeout: 60_000, polling: 100 });
    await screenshot(b, "scene-circle-desktop");
  }, 240_000);

  it("turns A's indicator off once A mutes", async () => {
    await a.getByRole("button", { name: "Mute", exact: true }).click();
    await b.waitForFunction((id) => !(id in window.__hearth.speaking()), idA, { timeout: 15_000 });
    // And it stays off while A stays muted, though the fake microphone keeps beeping.
    for (let i = 0; i < 6; i++) {
      await b.waitForTimeout(500);
      expect(await speakingLevel(b, idA)).toBe(0);
      expect(await speakingLevel(a, idA)).toBe(0);
    }
    // B sees the muted badge on A's avatar: the room state says A muted themselves.
    await b.waitForFunction((id) => window.__hearth.connection().participants.find((p) => p.id === id)?.muted === true, idA);
  }, 60_000);

  it("keeps every name tag on screen readable and apart", async () => {
    const tags = await a.evaluate(() => window.__hearth.tags());
    const boxes = Object.values(tags);
    expect(boxes.length).toBeGreaterThan(0);
    for (const t of boxes) expect(t.height).toBeGreaterThanOrEqual(0.1);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i]!, boxes[j]!];
        const apart = Math.abs(p.x - q.x) >= p.w + q.w || Math.abs(p.y - q.y) >= p.h + q.h;
        expect(apart).toBe(true);
      }
  });

  it("on software WebGL, draws at half resolution and at most 24 frames a second, leaving the CPU to the voice", async () => {
    expect(await a.evaluate(() => [window.__hearth.quality(), window.__hearth.qualityReason()])).toEqual(["low", "software-renderer"]);
    const canvas = await a.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>(".circle-canvas canvas")!;
      return { width: c.width, cssWidth: c.clientWidth };
    });
    expect(canvas.width).toBe(Math.round(canvas.cssWidth / 2));
    const before = await a.evaluate(() => window.__hearth.render().frames);
    const startedAt = Date.now();
    await a.waitForTimeout(3000);
    const drawn = (await a.evaluate(() => window.__hearth.render().frames)) - before;
    const seconds = (Date.now() - startedAt) / 1000;
    expect(drawn).toBeGreaterThan(0); // it still draws
    expect(drawn).toBeLessThanOrEqual(Math.ceil(seconds * 24) + 2);
  });

  it("works in a phone's portrait viewport", async () => {
    // Three WebGL pages at once are too much for a software renderer on a small machine.
    await a.close();
    await b.close();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const phone = await context.newPage();
    errors.push(...watchErrors(phone));
    await enter(phone, `http://localhost:${hearth.port}`, "Gentle Wren");
    await phone.waitForFunction(() => window.__hearth.render().frames > 5);
    await phone.waitForTimeout(800);
    await screenshot(phone, "scene-circle-phone");
    expect(await phone.evaluate(() => window.__hearth.render().calls)).toBeGreaterThan(0);
    await context.close();
  }, 150_000);

  it("logs no page errors", () => {
    expect(errors.filter((e) => !/GL Driver|GPU stall|WebGL|favicon/i.test(e))).toEqual([]);
  });
});
