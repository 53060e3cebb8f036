import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach } from "vitest";

/**
 * Every page of a watched browser reports Content-Security-Policy violations (the page's
 * `securitypolicyviolation` events and Chromium's "Refused to …" console errors, workers'
 * included); the test during which one happened fails with it.
 */
const violations: string[] = [];
const CSP_MESSAGE = /Content Security Policy|CSP violation/i;

function reportViolations(): void {
  document.addEventListener(
    "securitypolicyviolation",
    (e) => console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`),
    true,
  );
}

async function watch(context: BrowserContext): Promise<void> {
  await context.addInitScript(reportViolations);
  context.on("console", (message) => {
    if (CSP_MESSAGE.test(message.text())) violations.push(message.text());
  });
  context.on("weberror", (error) => {
    if (CSP_MESSAGE.test(error.error().message)) violations.push(error.error().message);
  });
}

/** Makes every context (and so every `newPage`) of `browser` report CSP violations. */
export function failOnCspViolations(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await newContext(...args);
    await watch(context);
    return context;
  };
  return browser;
}

/** The violations seen since the last check, taken (so a test that provokes one on purpose can look at it). */
export function takeCspViolations(): string[] {
  return violations.splice(0);
}

function check(): void {
  if (!violations.length) return;
  const found = violations.splice(0);
  throw new Error(`The page broke its Content-Security-Policy:\n${found.join("\n")}`);
}

// Benchmarks (bench/render.ts) launch the same browser outside vitest, where there are no hooks.
if (process.env.VITEST) {
  afterEach(check);
  afterAll(check);
}
