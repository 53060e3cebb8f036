import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";
import { launchChromium, watchErrors } from "./support/browser.ts";
import { takeCspViolations } from "./support/csp-violations.ts";
import "./support/hook.ts";

let hearth: VoiceHearth;
let url: string;
let browser: Browser;

beforeAll(async () => {
  hearth = await startVoiceHearth({ CLIENT_DIR: "dist/client" });
  url = `http://localhost:${hearth.port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hearth?.close();
});

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("when any response is served", () => {
  it("carries the security headers: page, asset, API, matchmaking and 404 alike", async () => {
    const index = await fetch(`${url}/`);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())![1]!;
    const responses = await Promise.all([
      fetch(`${url}/`),
      fetch(`${url}${asset}`),
      fetch(`${url}/api/health`),
      fetch(`${url}/api/no-such-thing`),
      fetch(`${url}/matchmake/joinOrCreate/circle`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    ]);
    for (const response of responses) {
      const h = response.headers;
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("no-referrer");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("permissions-policy")).toMatch(/^microphone=\(self\), xr-spatial-tracking=\(self\), camera=\(\)/);
      expect(h.get("strict-transport-security")).toBeNull(); // plain HTTP
      const csp = directives(h.get("content-security-policy") ?? "");
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("connect-src")).toContain(new URL(hearth.voice!.publicUrl).origin.replace(/^http/, "ws"));
    }
  });
});

describe("when the app runs in Chromium under its Content-Security-Policy", () => {
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    errors.push(...watchErrors(page));
  });

  it("notices a violation (an inline script is refused, and the test hook reports it)", async () => {
    await page.goto(`${url}/?e2e=1`);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.head.append(script);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    const seen = takeCspViolations();
    expect(seen.join("\n")).toMatch(/script-src/);
    errors.length = 0;
  });

  it("enters the circle, draws the scene and connects voice without a violation", async () => {
    await page.goto(`${url}/?e2e=1`);
    await page.getByLabel(/Pseudonym/).fill("Quiet Otter");
    await page.getByRole("button", { name: "Enter the circle" }).click();
    await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle");
    await page.waitForFunction(() => window.__hearth.voice().status === "connected", undefined, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    expect(takeCspViolations()).toEqual([]);
  }, 120_000);

  it("offers the headset path (the IWER emulator) without a violation", async () => {
    const xr = await browser.newPage({ viewport: { width: 800, height: 500 } });
    await xr.goto(`${url}/?e2e=1&xr-emulator`);
    await xr.getByLabel(/Pseudonym/).fill("Steady Heron");
    await xr.getByRole("button", { name: "Enter the circle" }).click();
    await xr.waitForFunction(() => window.__hearth?.connection().status === "in-circle");
    await xr.getByRole("button", { name: "Enter VR" }).click({ timeout: 30_000 });
    await xr.waitForTimeout(1500);
    expect(takeCspViolations()).toEqual([]);
    await xr.close();
  }, 120_000);
});
