import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Audio bytes `page` has received from participant `id` so far (WebRTC stats). */
export const voiceBytesFrom = (page: Page, id: string): Promise<number> =>
  page.evaluate(async (who) => (await window.__hearth.voiceBytes())[who] ?? 0, id);

/**
 * Waits until `page` has received more than `above` audio bytes from `id`. Polls from Node:
 * page.waitForFunction does not await an async predicate (a pending promise is truthy).
 */
export async function waitForVoiceBytes(page: Page, id: string, above: number, timeout: number): Promise<void> {
  await expect.poll(() => voiceBytesFrom(page, id), { timeout, interval: 250 }).toBeGreaterThan(above);
}
