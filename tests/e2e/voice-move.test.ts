/**
 * A facilitator moves someone to a breakout and to the waiting room: their page leaves the old
 * voice room cleanly and joins the new one, with no LiveKit reconnect attempts or errors logged.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium } from "./support/browser.ts";
import { enterCircle } from "./support/enter.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-the-move";
const voiceStatus = (page: Page) => page.evaluate(() => window.__hearth.voice().status);

describe("when a facilitator moves someone to another space", () => {
  let hearth: VoiceHearth;
  let browser: Browser;
  let facilitator: Page;
  let moved: Page;
  /** Everything the moved person's page logged as an error or warning, and every voice status it passed through. */
  const logged: string[] = [];
  const statuses: string[] = [];

  beforeAll(async () => {
    hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client", FACILITATOR_KEY });
    browser = await launchChromium();
    const url = `http://localhost:${hearth.port}`;
    facilitator = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    moved = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    moved.on("pageerror", (e) => logged.push(e.message));
    moved.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") logged.push(m.text());
    });
    await enterCircle(facilitator, url, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
    await enterCircle(moved, url, "Quiet Otter");
    await moved.waitForFunction(() => window.__hearth.voice().status === "connected", undefined, { timeout: 30_000 });
    await moved.exposeFunction("__recordVoiceStatus", (s: string) => statuses.push(s));
    await moved.evaluate(() => {
      let last = "";
      setInterval(() => {
        const s = window.__hearth.voice().status;
        if (s !== last) void (window as unknown as { __recordVoiceStatus(s: string): void }).__recordVoiceStatus((last = s));
      }, 20);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("to a breakout: leaves the main voice room and joins the breakout's, without reconnecting", { timeout: 90_000 }, async () => {
    await facilitator.getByRole("button", { name: "Breakout: Quiet Otter" }).click();
    await moved.waitForFunction(() => window.__hearth.connection().participants.find((p) => p.id === window.__hearth.connection().selfId)?.space !== "main");
    await moved.waitForTimeout(1500); // a removal and a reconnect would show within this
    await moved.waitForFunction(() => window.__hearth.voice().status === "connected", undefined, { timeout: 30_000 });
    expect(statuses).not.toContain("reconnecting");
    expect(logged.filter((l) => /livekit|reconnect|websocket|signal/i.test(l))).toEqual([]);
  });

  it("to the waiting room: voice ends without errors and does not try to come back", { timeout: 90_000 }, async () => {
    await facilitator.getByRole("button", { name: "Waiting room: Quiet Otter" }).click();
    await moved.waitForFunction(() => window.__hearth.voice().status === "off", undefined, { timeout: 15_000 });
    await moved.waitForTimeout(3000);
    expect(await voiceStatus(moved)).toBe("off");
    expect(statuses).not.toContain("reconnecting");
    expect(logged.filter((l) => /livekit|reconnect|websocket|signal/i.test(l))).toEqual([]);
  });
});
