import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seatTransform } from "../../shared/seats.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";
import { enterCircle, selfOf } from "./support/enter.ts";

/** Head position tolerance (metres) and yaw tolerance (radians) for what a page renders. */
const POSITION_TOLERANCE = 0.05;
const YAW_TOLERANCE = 0.1;

describe("two desktop users meet in the open circle", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let a: Page;
  let b: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest();
    browser = await launchChromium();
    a = await browser.newPage({ viewport: { width: 960, height: 600 } });
    b = await browser.newPage({ viewport: { width: 960, height: 600 } });
    errors.push(...watchErrors(a), ...watchErrors(b));
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("seats each of them and shows the other's avatar at the other's seat", async () => {
    await enterCircle(a, hearth.url, "Quiet Otter");
    await enterCircle(b, hearth.url, "Steady Heron");
    const seatA = await selfOf(a);
    const seatB = await selfOf(b);
    expect(seatA.seat).not.toBe(seatB.seat);

    for (const [viewer, other] of [[a, seatB], [b, seatA]] as const) {
      await viewer.waitForFunction((id) => Boolean(window.__hearth.avatars()[id]), other.id);
      const avatar = (await viewer.evaluate(() => window.__hearth.avatars()))[other.id]!;
      const seat = seatTransform(other.seat, 12);
      expect(avatar.seat).toBe(other.seat);
      expect(Math.hypot(avatar.head[0] - seat.x, avatar.head[2] - seat.z)).toBeLessThan(POSITION_TOLERANCE);
      // Both start by looking at the fire.
      const yawError = Math.atan2(Math.sin(avatar.headYaw - seat.yaw), Math.cos(avatar.headYaw - seat.yaw));
      expect(Math.abs(yawError)).toBeLessThan(YAW_TOLERANCE);
    }
    await screenshot(a, "circle-page-a");
    await screenshot(b, "circle-page-b");
  });

  it("shows B's head turning on A's page when B looks around with the arrow keys", async () => {
    const other = await selfOf(b);
    const before = (await a.evaluate(() => window.__hearth.avatars()))[other.id]!.headYaw;
    await b.locator("canvas").click();
    await b.keyboard.down("ArrowLeft");
    await b.waitForTimeout(600);
    await b.keyboard.up("ArrowLeft");
    const bLook = await b.evaluate(() => window.__hearth.look());
    expect(bLook.yaw).toBeGreaterThan(0.3);

    await a.waitForFunction(
      ({ id, target, tol }) => {
        const yaw = window.__hearth.avatars()[id]?.headYaw ?? NaN;
        return Math.abs(Math.atan2(Math.sin(yaw - target), Math.cos(yaw - target))) < tol;
      },
      { id: other.id, target: seatTransform(other.seat, 12).yaw + bLook.yaw, tol: YAW_TOLERANCE },
    );
    const after = (await a.evaluate(() => window.__hearth.avatars()))[other.id]!.headYaw;
    expect(Math.abs(after - before)).toBeGreaterThan(0.3);
    await screenshot(a, "circle-page-a-after-turn");
    await screenshot(b, "circle-page-b-after-turn");
  });

  it("frees the seat when one of them leaves", async () => {
    const other = await selfOf(b);
    await b.getByRole("button", { name: "Leave" }).click();
    await a.waitForFunction((id) => !window.__hearth.avatars()[id], other.id);
    const participants = await a.evaluate(() => window.__hearth.connection().participants);
    expect(participants.map((p) => p.id)).not.toContain(other.id);
    expect(errors).toEqual([]);
  });
});
