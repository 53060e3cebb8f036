import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { freeUdpPort } from "../voice/support/livekit.ts";
import { launchChromium, watchErrors } from "./support/browser.ts";
import { enterCircle, UNFILTERED_MIC } from "./support/enter.ts";
import "./support/safety-hook.ts";
import { stubSpeechRecognition } from "./support/speech-stub.ts";
import { waitForVoiceBytes } from "./support/voice-bytes.ts";

/**
 * No recording, logs with ids only: run a real session (chat, captions, a report with a note, voice) in
 * Chromium against Hearth as its own process, logging at debug level with the store on disk,
 * then search everything it wrote (its output and every file of its data folder) for the
 * pseudonyms, chat texts, caption line and report note used. Any hit fails.
 *
 * It includes the crisis assist: a message with crisis language opens the resources privately for
 * its writer before it is sent, the writer asks to talk to a facilitator, sends it anyway, and the
 * facilitator gets "someone may need support" (who and the category, never the words). Only a
 * count reaches the logs. The facilitator then opens a private conversation from the flag, and
 * what A writes there reaches the facilitator only, and nothing of it is kept either.
 */

const FACILITATOR_KEY = "privacy-facilitator-key-0123";
// Distinctive words, so a hit can only come from this session.
const PSEUDONYMS = ["Marigold Thistle", "Peregrine Ash", "Quillon Facilitator"];
const CHAT = ["the lighthouse keeper's umbrella", "seventeen paper cranes on Tuesday"];
const NOTE = "zephyr note mocking my grief";
const CRISIS_TEXT = "lately I keep thinking about ending my life, cobalt harbour";
/** What A says with captions on (transcribed on A's device, relayed to B, never kept). */
const CAPTION = "my grandmother's violet teapot";
/** What A writes in the private conversation the facilitator opens from the support flag. */
const PRIVATE_TEXT = "the saffron kite I never flew";
const SECRETS = [...PSEUDONYMS, ...CHAT, NOTE, CRISIS_TEXT, "cobalt harbour", CAPTION, PRIVATE_TEXT];


let server: ChildProcess;
let output = "";
let dataDir: string;
let url: string;
let browser: Browser;
const errors: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every file (and the output) that contains `text`, as UTF-8 or UTF-16. */
function whereFound(text: string, files: string[]): string[] {
  const needles = [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le"), Buffer.from(text.toLowerCase(), "utf8")];
  const hits = files.filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((n) => bytes.includes(n));
  });
  if (output.includes(text) || output.toLowerCase().includes(text.toLowerCase())) hits.push("(server output)");
  return hits;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "hearth-privacy-"));
  const [port, livekitPort, udpPort] = [await freePort(), await freePort(), await freeUdpPort()];
  server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "debug",
      DATA_DIR: dataDir,
      CLIENT_DIR: "dist/client",
      VOICE: "on",
      LIVEKIT_PORT: String(livekitPort),
      LIVEKIT_RTC_UDP_PORT: String(udpPort),
      FACILITATOR_KEY,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const deadline = Date.now() + 150_000; // a loaded machine (2 cores, many test runs) can take over a minute
  while (!output.includes("Hearth is running")) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`Hearth did not start:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  url = `http://localhost:${port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a session with chat, a report and voice", () => {
  // One long session through three browsers with real voice: minutes on a 2-core machine.
  it("leaves no pseudonym, chat text or report note in the server's logs or storage", { timeout: 420_000 }, async () => {
    const context = { viewport: { width: 900, height: 560 } };
    const a = await browser.newPage(context);
    const b = await browser.newPage(context);
    const f = await browser.newPage(context);
    errors.push(...watchErrors(a), ...watchErrors(b), ...watchErrors(f));
    await stubSpeechRecognition(a, [CAPTION]);
    const idA = await enterCircle(a, url, PSEUDONYMS[0]!, { timeout: 20_000, micSettings: UNFILTERED_MIC });
    const idB = await enterCircle(b, url, PSEUDONYMS[1]!, { timeout: 20_000 });
    await enterCircle(f, url, PSEUDONYMS[2]!, { facilitatorKey: FACILITATOR_KEY, timeout: 20_000 });

    // Voice: B hears A's (fake) microphone through LiveKit.
    await waitForVoiceBytes(b, idA, 2000, 40_000);

    // Captions of A's voice, made on A's device: B shows them.
    await b.getByLabel("Show captions").check();
    await a.getByLabel("Caption my voice").check();
    await b.getByTestId("captions-strip").getByText(CAPTION).first().waitFor({ timeout: 20_000 });
    await a.getByLabel("Caption my voice").uncheck();

    // Chat, both ways.
    for (const [page, text] of [[a, CHAT[0]!], [b, CHAT[1]!]] as const) {
      await page.getByRole("button", { name: /^Chat/ }).click();
      await page.getByLabel("Message").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
    }
    await f.waitForFunction((n) => window.__hearthSafety.state().chat.length === n, CHAT.length);

    // Crisis language: A's own device holds the message and opens the resources, for A only.
    await a.getByLabel("Message").fill(CRISIS_TEXT);
    await a.getByRole("button", { name: "Send" }).click();
    const crisis = a.getByRole("dialog", { name: "Crisis support" });
    await crisis.waitFor();
    expect(await crisis.textContent()).toMatch(/you don't have to go through this alone/i);
    expect(await crisis.textContent()).toMatch(/Your message has not been sent/);
    expect(await crisis.getByText("988", { exact: true }).count()).toBeGreaterThan(0); // the default helplines
    await crisis.getByRole("button", { name: "Talk to a facilitator privately" }).click();
    await crisis.getByText(/One of them will reach out to you/).waitFor();
    await crisis.getByRole("button", { name: "Close" }).click();
    const flags = f.getByRole("region", { name: "Someone may need support" });
    await flags.locator(`li[data-support-participant="${idA}"]`).first().waitFor({ timeout: 10_000 });
    expect(await flags.textContent()).toMatch(/asked to talk to a facilitator privately/);
    // A sends it anyway: it goes to the circle, and the room's own check flags it for the facilitator.
    await a.getByRole("button", { name: "Send it" }).click();
    await f.waitForFunction((n) => window.__hearthSafety.state().chat.length === n, CHAT.length + 1);
    await flags.getByText(/thoughts of suicide or self-harm/).first().waitFor({ timeout: 10_000 });
    expect(await flags.textContent()).not.toContain("cobalt");
    expect(await b.getByRole("dialog", { name: "Crisis support" }).count()).toBe(0);
    expect(await b.getByRole("region", { name: "Someone may need support" }).count()).toBe(0);
    await a.waitForTimeout(300);
    expect(await a.getByRole("dialog", { name: "Crisis support" }).count()).toBe(0); // the room's offer is not shown twice

    // The facilitator opens a private conversation from the flag; A writes there, then goes back.
    await flags.locator(`li[data-support-participant="${idA}"]`).first().getByRole("button", { name: /^Talk privately/ }).click();
    await a.getByRole("status", { name: "Private conversation" }).waitFor({ timeout: 15_000 });
    await a.getByLabel("Message").fill(PRIVATE_TEXT);
    await a.getByRole("button", { name: "Send" }).click();
    await f.waitForFunction((text) => window.__hearthSafety.state().chat.some((m) => m.text === text), PRIVATE_TEXT);
    await a.getByRole("button", { name: "Back to the circle" }).click();
    await b.waitForFunction((id) => window.__hearth.connection().participants.find((p) => p.id === id)?.space === "main", idA, { timeout: 15_000 });
    expect((await b.evaluate(() => window.__hearthSafety.state().chat)).map((m) => m.text)).not.toContain(PRIVATE_TEXT);

    // B reports A with a note; the facilitator gets it.
    await b.locator(`li[data-participant="${idA}"]`).getByRole("button", { name: /Safety options/ }).click();
    await b.getByRole("menuitem", { name: "Report…" }).click();
    const dialog = b.getByRole("dialog", { name: /^Report/ });
    await dialog.getByLabel("Harassment or bullying").check();
    await dialog.getByLabel(/Anything the facilitators should know/).fill(NOTE);
    await dialog.getByRole("button", { name: "Send report" }).click();
    await f.waitForFunction((note) => window.__hearthSafety.state().reports.some((r) => r.note === note), NOTE);

    // And a block, which is stored (by key hash) in the data folder.
    a.once("dialog", (d) => void d.accept());
    await a.locator(`li[data-participant="${idB}"]`).getByRole("button", { name: /Safety options/ }).click();
    await a.getByRole("menuitem", { name: "Block" }).click();
    await a.waitForFunction((id) => !window.__hearth.connection().participants.some((p) => p.id === id), idB);
    // A's browser tells the room the SFU now refuses B its microphone, so B's hearing is never paused.
    await a.waitForTimeout(1000);

    for (const page of [a, b, f]) await page.getByRole("button", { name: "Leave" }).click();
    await a.waitForTimeout(500);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));

    // The search works: ids are in the logs, and the store on disk is searchable.
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(10);
    expect(output).toContain(idA);
    expect(output).toMatch(/"msg":"report filed"/);
    expect(output).toMatch(/"count":1,"msg":"crisis assist: a chat message showed crisis language"/);
    expect(whereFound("participant blocks", files).length).toBeGreaterThan(0); // a migration's name, in the store
    expect(output).not.toMatch(/voice paused for a blocked participant/);

    const leaks = Object.fromEntries(SECRETS.map((secret) => [secret, whereFound(secret, files)]).filter(([, hits]) => hits!.length > 0));
    expect(leaks).toEqual({});
    expect(errors).toEqual([]);
  });
});
