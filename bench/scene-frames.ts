/**
 * Frame time and main-thread busy time of the circle page in headless Chromium (SwiftShader), for
 * comparing scene versions on the same machine. Run from a built worktree:
 *   node --import tsx bench/scene-frames.ts
 * Prints, for one page alone in the circle and then two, the median and p90 requestAnimationFrame
 * delta over 3 s and Chrome's TaskDuration / ScriptDuration per second (Performance.getMetrics).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";

const root = process.cwd();
const { startHearth } = await import(pathToFileURL(path.join(root, "server/app.ts")).href);
const { loadConfig } = await import(pathToFileURL(path.join(root, "server/config.ts")).href);

/** The lobby's steps, kept here so older builds can be measured with the same script. */
async function enterCircle(page: Page, url: string, pseudonym: string): Promise<void> {
  await page.goto(`${url}/?e2e=1`);
  await page.getByLabel(/Pseudonym/).fill(pseudonym);
  await page.getByRole("button", { name: "Enter the circle" }).click();
  await page.waitForSelector("canvas", { timeout: 60_000 });
}

async function measure(page: Page, label: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metric = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    const get = (n: string) => metrics.find((m: { name: string }) => m.name === n)?.value ?? 0;
    return { task: get("TaskDuration"), script: get("ScriptDuration"), time: get("Timestamp") };
  };
  const before = await metric();
  // A string, so the bundler's helpers never reach the page.
  const deltas: number[] = await page.evaluate(`new Promise((resolve) => {
    const out = []; let last = performance.now(); const start = last;
    const tick = (now) => { out.push(now - last); last = now; if (now - start < 3000) requestAnimationFrame(tick); else resolve(out); };
    requestAnimationFrame(tick);
  })`);
  const after = await metric();
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  const seconds = after.time - before.time;
  const quality = await page.evaluate("window.__hearth?.quality?.() ?? 'n/a'");
  console.log(
    `${label}: frames ${deltas.length} in 3 s, median ${at(0.5)} ms, p90 ${at(0.9)} ms; ` +
      `main thread busy ${(((after.task - before.task) / seconds) * 100).toFixed(0)}% (script ${(((after.script - before.script) / seconds) * 100).toFixed(0)}%); quality ${quality}`,
  );
  await cdp.detach();
}

const hearth = await startHearth(loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", VOICE: "off", LOG_LEVEL: "warn" }));
hearth.url = `http://localhost:${hearth.port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
});
try {
  const a = await browser.newPage({ viewport: { width: 960, height: 600 } });
  const t0 = Date.now();
  await enterCircle(a, hearth.url, "Quiet Otter");
  console.log(`${path.basename(root)}: A entered in ${Date.now() - t0} ms`);
  await a.waitForTimeout(1500);
  await measure(a, "one page");
  const b = await browser.newPage({ viewport: { width: 960, height: 600 } });
  const t1 = Date.now();
  await enterCircle(b, hearth.url, "Steady Heron");
  console.log(`B entered in ${Date.now() - t1} ms`);
  await b.waitForTimeout(1500);
  await measure(a, "two pages, A");
} finally {
  await browser.close();
  await hearth.close();
}
