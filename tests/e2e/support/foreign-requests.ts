import type { Browser, BrowserContext, Request } from "playwright-core";
import { afterAll, afterEach } from "vitest";

/**
 * Every page of a watched browser may talk only to Hearth and its LiveKit, both on this machine's
 * loopback: a request to any other host (a CDN, fonts, controller profiles, analytics) would fail
 * offline and tell a third party who is in a circle, so the test during which one happened fails.
 */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const LOCAL_SCHEMES = new Set(["data:", "blob:", "about:", "chrome-extension:", "devtools:"]);
const foreign: string[] = [];

/** Whether a request leaves Hearth and LiveKit (exported for the guard's own test). */
export function isForeign(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return false;
  return !LOCAL_HOSTS.has(parsed.hostname);
}

function watch(context: BrowserContext): void {
  context.on("request", (request: Request) => {
    if (isForeign(request.url())) foreign.push(`${request.method()} ${request.url()}`);
  });
}

/** Makes every context (and so every `newPage`) of `browser` record requests to other hosts. */
export function failOnForeignRequests(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await newContext(...args);
    watch(context);
    return context;
  };
  return browser;
}

/** The foreign requests seen since the last check, taken (for a test that provokes one on purpose). */
export function takeForeignRequests(): string[] {
  return foreign.splice(0);
}

function check(): void {
  if (!foreign.length) return;
  const found = foreign.splice(0);
  throw new Error(`A page asked a host other than Hearth's and LiveKit's:\n${found.join("\n")}`);
}

afterEach(check);
afterAll(check);
