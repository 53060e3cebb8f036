import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle, selfOf } from "./support/enter.ts";
import { startHearthForTest } from "./support/hearth.ts";
import type { Vec3 } from "./support/hook.ts";

interface XRDeviceHandle {
  position: { set(x: number, y: number, z: number): void };
  controllers: { right: { position: { set(x: number, y: number, z: number): void } } };
}
declare global {
  interface Window {
    __xrDevice: XRDeviceHandle;
  }
}

/** How closely B's view of A must match where A's own page put A's head and hand (metres). */
const TOLERANCE = 0.03;

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Waits until B renders A's head and right hand where A's own page says they are. */
async function expectBSeesA(a: Page, b: Page, idA: string): Promise<{ head: Vec3; right: Vec3 }> {
  const deadline = Date.now() + 10_000;
  let last = "";
  for (;;) {
    const own = await a.evaluate(() => window.__hearth.xr());
    const seen = (await b.evaluate(() => window.__hearth.avatars()))[idA];
    if (seen && distance(seen.head, own.head) < TOLERANCE && distance(seen.right, own.right) < TOLERANCE) {
      return { head: own.head, right: own.right };
    }
    last = JSON.stringify({ own, seen });
    if (Date.now() > deadline) throw new Error(`B never saw A where A is: ${last}`);
    await b.waitForTimeout(100);
  }
}

describe("a headset user in the circle, seen from a desktop", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let idA: string;
  const errors: string[] = [];
  const requestsA: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest();
    browser = await launchChromium();
    a = await browser.newPage({ viewport: { width: 800, height: 500 } });
    a.on("request", (r) => requestsA.push(r.url()));
    b = await browser.newPage({ viewport: { width: 800, height: 500 } });
    errors.push(...watchErrors(a), ...watchErrors(b));
    idA = await enterCircle(a, hearth.url, "Quiet Otter", { query: "&xr-emulator" });
    await enterCircle(b, hearth.url, "Steady Heron");
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("enters VR at A's seat with tracked hands", async () => {
    await a.getByRole("button", { name: "Enter VR" }).click();
    // Polled on a timer: an immersive session gives the page no animation frames.
    await a.waitForFunction(() => window.__hearth.xr().active && window.__hearth.xr().handsTracked, undefined, { polling: 100 });
    const seatA = (await selfOf(a)).seat;
    expect(seatA).toBeGreaterThanOrEqual(0);
    await expectBSeesA(a, b, idA);
  });

  it("loads the controller models from Hearth itself, never from another host", async () => {
    const deadline = Date.now() + 15_000;
    while (!requestsA.some((u) => u.includes("/xr-profiles/profilesList.json")) && Date.now() < deadline) await a.waitForTimeout(200);
    expect(requestsA.some((u) => u.includes("/xr-profiles/profilesList.json"))).toBe(true);
    const foreign = requestsA.filter((u) => !/^(data|blob):/.test(u) && !["localhost", "127.0.0.1"].includes(new URL(u).hostname));
    expect(foreign).toEqual([]);
  });

  it("moves A's head and right hand on B's page as the headset and controller move", async () => {
    const before = await expectBSeesA(a, b, idA);
    await a.evaluate(() => {
      window.__xrDevice.position.set(0.25, 1.5, 0.1);
      window.__xrDevice.controllers.right.position.set(0.45, 1.1, -0.35);
    });
    await a.waitForTimeout(300);
    const after = await expectBSeesA(a, b, idA);
    expect(distance(before.head, after.head)).toBeGreaterThan(0.1);
    expect(distance(before.right, after.right)).toBeGreaterThan(0.1);
    await screenshot(a, "headset-page-a-in-vr");
    await screenshot(b, "headset-page-b-desktop");
  });

  it("leaves VR and stays in the circle", async () => {
    // In an immersive session the page gets no animation frames, which Playwright's click waits for.
    await a.getByRole("button", { name: "Exit VR" }).dispatchEvent("click");
    await a.waitForFunction(() => !window.__hearth.xr().active);
    expect(await a.evaluate(() => window.__hearth.connection().status)).toBe("in-circle");
    // Back on the desktop, A's hands rest again for everyone.
    await b.waitForFunction((id) => {
      const c = window.__hearth.connection();
      return c.participants.some((p) => p.id === id);
    }, idA);
    expect(errors).toEqual([]);
  });
});
