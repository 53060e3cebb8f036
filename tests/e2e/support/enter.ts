import type { Locator, Page } from "playwright-core";
import "./hook.ts";

export interface EnterOptions {
  /** Extra query parameters after `?e2e=1`, e.g. "&xr-emulator" or "&agreements". */
  query?: string;
  /** Enters as a facilitator with this key. */
  facilitatorKey?: string;
  /**
   * The lobby asks for the community agreements first (a first visit, `&agreements`): called with
   * the dialog, before "I agree" is pressed, so a test can check what it says.
   */
  agreements?: (dialog: Locator) => Promise<void>;
  /** How long to wait for the seat (ms). */
  timeout?: number;
  /** Microphone settings saved in this browser before the page loads (client/voice/processing/settings.ts). */
  micSettings?: Record<string, unknown>;
}

/**
 * Chromium's fake microphone plays a beep, or a tone file: not speech, so Hearth's noise filter
 * (on by default) rightly removes most of it. Tests that need that sound to reach the others turn
 * the filter off, as a user can; the filter itself is tested with noise in tests/e2e/e2ee-voice.
 */
export const UNFILTERED_MIC = { noiseFilter: false } as const;

/** Saves microphone settings in this page's browser before its scripts run. */
export async function useMicSettings(page: Page, settings: Record<string, unknown>): Promise<void> {
  await page.addInitScript((saved) => localStorage.setItem("hearth.voiceSettings", saved), JSON.stringify(settings));
}

/** Opens the lobby, enters the circle under `pseudonym` and returns this page's participant id. */
export async function enterCircle(page: Page, url: string, pseudonym: string, options: EnterOptions = {}): Promise<string> {
  const agreements = options.agreements;
  if (options.micSettings) await useMicSettings(page, options.micSettings);
  const query = `${options.query ?? ""}${agreements && !options.query?.includes("&agreements") ? "&agreements" : ""}`;
  await page.goto(`${url}/?e2e=1${query}`);
  await page.getByLabel(/Pseudonym/).fill(pseudonym);
  if (options.facilitatorKey) {
    await page.getByText("I'm facilitating this circle").click();
    await page.getByLabel("Facilitator key").fill(options.facilitatorKey);
  }
  await page.getByRole("button", { name: "Enter the circle" }).click();
  if (agreements) {
    const dialog = page.getByRole("dialog", { name: /community agreements/ });
    await dialog.waitFor();
    await agreements(dialog);
    await dialog.getByRole("button", { name: /I agree/ }).click();
  }
  await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, {
    timeout: options.timeout ?? 30_000,
  });
  return page.evaluate(() => window.__hearth.connection().selfId!);
}

/** This page's own participant, as its connection sees it. */
export function selfOf(page: Page) {
  return page.evaluate(() => {
    const c = window.__hearth.connection();
    return c.participants.find((p) => p.id === c.selfId)!;
  });
}

/** Another participant as `page` sees them, or undefined. */
export function participantOn(page: Page, id: string) {
  return page.evaluate((who) => window.__hearth.connection().participants.find((p) => p.id === who), id);
}
