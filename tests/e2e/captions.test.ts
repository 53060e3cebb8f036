/**
 * Captions made on the speaker's own device: Chromium with a stand-in SpeechRecognition (an init
 * script; headless Chromium has no on-device speech models) turns on "Caption my voice"; another
 * participant who shows captions sees the line at the strip and the speaker's "captions" mark.
 * Quick phrases reach everyone, and a browser without on-device recognition says so and goes on.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle } from "./support/enter.ts";
import { startHearthForTest } from "./support/hearth.ts";
import { type SpeechAsked, stubSpeechRecognition } from "./support/speech-stub.ts";

const SPOKEN = "the river was calm this morning";

describe("when a speaker captions their own voice", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let speaker: Page;
  let listener: Page;
  let speakerId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest();
    browser = await launchChromium();
    speaker = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    listener = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    errors.push(...watchErrors(speaker), ...watchErrors(listener));
    await stubSpeechRecognition(speaker, [SPOKEN]);
    speakerId = await enterCircle(speaker, hearth.url, "Amber Kestrel");
    await enterCircle(listener, hearth.url, "Silent Birch");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("transcribes on the device only, and another participant sees the line and the captions mark", { timeout: 60_000 }, async () => {
    await listener.getByLabel("Show captions").check();
    await speaker.getByLabel("Caption my voice").check();
    await expect.poll(() => speaker.evaluate(() => window.__hearth.captions().own.status), { timeout: 10_000 }).toBe("on");
    const asked = await speaker.evaluate(() => (window as unknown as { __speechAsked: SpeechAsked }).__speechAsked);
    expect(asked.available[0]).toMatchObject({ processLocally: true });
    expect(asked.started.every((s) => s.processLocally)).toBe(true);

    const strip = listener.getByTestId("captions-strip");
    await expect.poll(() => strip.textContent(), { timeout: 15_000 }).toContain(SPOKEN);
    expect(await strip.textContent()).toContain("Amber Kestrel");
    await expect.poll(() => listener.locator(`aside.people li[data-participant="${speakerId}"]`).textContent(), { timeout: 10_000 }).toContain("captions");
    await screenshot(listener, "captions-strip");
  });

  it("shows a quick phrase to everyone, captions on or not", { timeout: 30_000 }, async () => {
    await speaker.getByLabel("Caption my voice").uncheck();
    await listener.getByLabel("Show captions").uncheck();
    await speaker.getByRole("button", { name: "Quick phrases" }).click();
    await speaker.getByRole("group", { name: "Quick phrases" }).getByRole("button", { name: "I'm listening" }).click();
    await expect.poll(() => listener.getByTestId("captions-strip").textContent(), { timeout: 10_000 }).toContain("I'm listening");
    await expect.poll(() => listener.locator(`aside.people li[data-participant="${speakerId}"]`).textContent(), { timeout: 10_000 }).not.toContain("captions");
    expect(errors).toEqual([]);
  });

  it("says clearly when on-device captions are not available, and the circle goes on", { timeout: 60_000 }, async () => {
    const other = await browser.newPage();
    await stubSpeechRecognition(other, ["never sent"], "unavailable");
    await enterCircle(other, hearth.url, "Calm Heron");
    await other.getByLabel("Caption my voice").click(); // it does not stay checked: there is nothing to run
    await other.getByText(/On-device captions are not available/).waitFor();
    expect(await other.getByLabel("Caption my voice").isChecked()).toBe(false);
    expect(await other.evaluate(() => window.__hearth.connection().status)).toBe("in-circle");
    await other.close();
  });
});
