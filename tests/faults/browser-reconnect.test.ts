/**
 * The browser's connection to the circle drops: the page shows "Reconnecting…" and returns to
 * the same seat, with the same participant id, without a reload.
 */
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import type { CircleRoom } from "../../server/rooms/CircleRoom.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { ROOM_NAME } from "../../shared/protocol.ts";
import { launchChromium, screenshot } from "../e2e/support/browser.ts";
import { startHearthForTest } from "../e2e/support/hearth.ts";
import "../e2e/support/hook.ts";
import { waitFor } from "../support/wait.ts";

let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
let browser: Browser;
let page: Page;
let observer: Room<CircleState>;

const pageSelf = () =>
  page.evaluate(() => {
    const c = window.__hearth.connection();
    return { status: c.status, selfId: c.selfId, me: c.participants.find((p) => p.id === c.selfId) ?? null, reloaded: !("__beforeDrop" in window) };
  });

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  hearth = await startHearthForTest();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 960, height: 600 } });
});

afterAll(async () => {
  await observer?.leave(true).catch(() => {});
  await browser?.close();
  await hearth?.close();
});

describe("when the browser's connection drops", () => {
  it('shows "Reconnecting…" and returns to the same seat without a reload', async () => {
    await page.goto(`${hearth.url}/?e2e=1`);
    await page.getByLabel(/Pseudonym/).fill("Quiet Otter");
    await page.getByRole("button", { name: "Enter the circle" }).click();
    await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle");
    await page.evaluate(() => Object.assign(window, { __beforeDrop: true }));
    const before = await pageSelf();

    observer = await new Client(`ws://127.0.0.1:${hearth.port}`).joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym: "Steady Heron", color: "#81b29a" });
    await waitFor("the observer to see the page's participant", () => observer.state.participants?.get(before.selfId!));

    // Hold the page's reconnection back for a moment, so "Reconnecting…" is on screen long enough to see.
    await page.route("**/matchmake/reconnect/**", (route) => route.abort());
    const room = matchMaker.getLocalRoomById(observer.roomId) as CircleRoom;
    const socket = room.clients.getById(before.selfId!)?.ref as unknown as { terminate(): void };
    socket.terminate();

    await page.getByText("Reconnecting…", { exact: false }).waitFor({ timeout: 10_000 });
    await waitFor("the observer to see the page's participant as reconnecting", () => observer.state.participants.get(before.selfId!)?.connected === false);
    await screenshot(page, "reconnecting");
    await page.unroute("**/matchmake/reconnect/**");

    await page.waitForFunction(() => window.__hearth.connection().status === "in-circle", undefined, { timeout: 30_000 });
    const after = await pageSelf();
    expect(after.reloaded).toBe(false);
    expect(after.selfId).toBe(before.selfId);
    expect(after.me).toMatchObject({ seat: before.me!.seat, pseudonym: "Quiet Otter" });
    await waitFor("the observer to see the page's participant back", () => observer.state.participants.get(before.selfId!)?.connected === true);
    expect(await page.getByText("Reconnecting…", { exact: false }).count()).toBe(0);
  });
});
