import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinCircle } from "../voice/support/bots.ts";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle, UNFILTERED_MIC } from "./support/enter.ts";
import type { Vec3 } from "./support/hook.ts";
import { waitForVoiceBytes } from "./support/voice-bytes.ts";

/** Where `id`'s voice sits for this page's listener: metres to the right and ahead. */
async function voiceDirection(page: Page, id: string): Promise<{ right: number; ahead: number }> {
  const { panners, listener } = await page.evaluate(() => window.__hearth.voice());
  const p = panners[id] as Vec3;
  const rel = [p[0] - listener.position[0], p[2] - listener.position[2]];
  const f = [listener.forward[0], listener.forward[2]];
  const length = Math.hypot(f[0]!, f[1]!);
  const fx = f[0]! / length;
  const fz = f[1]! / length;
  // Turning forward (x, z) a quarter clockwise seen from above gives right: (-z, x).
  const rightX = -fz;
  const rightZ = fx;
  return { right: rel[0]! * rightX + rel[1]! * rightZ, ahead: rel[0]! * fx + rel[1]! * fz };
}

describe("spatial voice between two browsers", () => {
  let hearth: VoiceHearth;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let idA: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client" });
    browser = await launchChromium();
    a = await browser.newPage({ viewport: { width: 800, height: 500 } });
    b = await browser.newPage({ viewport: { width: 800, height: 500 } });
    errors.push(...watchErrors(a), ...watchErrors(b));
    idA = await enterCircle(a, `http://localhost:${hearth.port}`, "Quiet Otter", { micSettings: UNFILTERED_MIC });
    await enterCircle(b, `http://localhost:${hearth.port}`, "Steady Heron", { micSettings: UNFILTERED_MIC });
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("carries A's microphone to B, through a panner at A's avatar", async () => {
    await a.waitForFunction(() => window.__hearth.voice().status === "connected", undefined, { timeout: 20_000 });
    await b.waitForFunction((id) => Boolean(window.__hearth.voice().panners[id]), idA, { timeout: 20_000 });
    await waitForVoiceBytes(b, idA, 1000, 20_000);

    // A sits across the fire from B: straight ahead.
    await b.waitForTimeout(300);
    const ahead = await voiceDirection(b, idA);
    expect(ahead.ahead).toBeGreaterThan(2);
    expect(Math.abs(ahead.right)).toBeLessThan(0.5);
  });

  it("moves A's voice to B's right when B turns to the left", async () => {
    await b.locator("canvas").click();
    await b.keyboard.down("ArrowLeft");
    await b.waitForFunction(() => window.__hearth.look().yaw > Math.PI / 2 - 0.1, undefined, { timeout: 5000 });
    await b.keyboard.up("ArrowLeft");
    await b.waitForTimeout(300);
    const turned = await voiceDirection(b, idA);
    expect(turned.right).toBeGreaterThan(2);
    await screenshot(b, "voice-page-b-turned-left");
    expect(errors).toEqual([]);
  });

  it("tells who in the circle is not in voice", async () => {
    const silent = await joinCircle(hearth.wsUrl, "Gentle Oak"); // in the circle, never in voice
    try {
      const row = (id: string) => b.locator(`aside.people li[data-participant="${id}"]`);
      await expect.poll(() => row(silent.id).textContent(), { timeout: 10_000 }).toContain("no voice");
      expect(await row(idA).textContent()).not.toContain("no voice");
    } finally {
      await silent.room.leave();
    }
  });
});
