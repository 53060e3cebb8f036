/**
 * Rendering cost of a circle with 4, 8 and 16 avatars in headless Chromium (SwiftShader):
 * draw calls, triangles, JavaScript ms per frame (median, p95), the gzipped JavaScript
 * of the desktop route and of the lazy XR chunk, and the bytes of all client assets. Run: npm run bench:render (after npm run build).
 */
import { Client, type Room } from "colyseus.js";
import { startHearth } from "../server/app.ts";
import { OPEN_CIRCLE_ID } from "../server/circles/catalog.ts";
import { loadConfig } from "../server/config.ts";
import { AVATAR_COLORS, AVATAR_STYLES } from "../shared/avatar.ts";
import { encodeFrame, quantisePose } from "../shared/pose-codec.ts";
import { ClientMessage, ROOM_NAME, ServerMessage } from "../shared/protocol.ts";
import { seatTransform } from "../shared/seats.ts";
import { launchChromium } from "../tests/e2e/support/browser.ts";
import "../tests/e2e/support/hook.ts";
import { assetBytes, bundleSizes, chunkSizes } from "./bundle-size.ts";
import { machineDetails, percentile } from "./machine.ts";

const CAPACITY = 16;
const SAMPLE_SECONDS = 6;

/** A headset bot: head and hands swaying at its seat, 20 Hz. */
function startBot(room: Room, seat: number): () => void {
  const s = seatTransform(seat, CAPACITY);
  const pose = (dx: number, y: number, dz: number, yaw: number) =>
    quantisePose({ position: { x: s.x + dx, y, z: s.z + dz }, rotation: { x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) } });
  const timer = setInterval(() => {
    const t = performance.now() / 1000 + seat;
    const sway = Math.sin(t * 1.3) * 0.08;
    const forwardX = -Math.sin(s.yaw) * 0.3;
    const forwardZ = -Math.cos(s.yaw) * 0.3;
    room.sendBytes(
      ClientMessage.Pose,
      encodeFrame({
        head: pose(sway, 1.15, 0, s.yaw + sway),
        hands: {
          left: pose(forwardX - 0.2 + sway, 0.9 + sway, forwardZ, s.yaw),
          right: pose(forwardX + 0.2, 0.95 - sway, forwardZ + sway, s.yaw),
        },
      }),
    );
  }, 50);
  return () => clearInterval(timer);
}

async function main(): Promise<void> {
  const hearth = await startHearth(loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", VOICE: "off", OPEN_CIRCLE_CAPACITY: String(CAPACITY), LOG_LEVEL: "warn" }));
  const url = `http://localhost:${hearth.port}`;
  const client = new Client(`ws://127.0.0.1:${hearth.port}`);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${url}/?e2e=1`);
  await page.getByLabel(/Pseudonym/).fill("Observer");
  await page.getByRole("button", { name: "Enter the circle" }).click();
  await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle");

  const bots: { room: Room; stop: () => void }[] = [];
  console.log(`Hearth render benchmark — ${machineDetails()}`);
  console.log("Chromium headless, WebGL on SwiftShader (software): absolute ms are far above a headset GPU's; compare runs, not devices.");
  console.log("avatars | draw calls | triangles | JS ms/frame median | p95 | frames");
  for (const total of [4, 8, 16]) {
    while (bots.length + 1 < total) {
      const i = bots.length;
      const room = await client.joinOrCreate(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym: `Bot ${i + 1}`, color: AVATAR_COLORS[i % AVATAR_COLORS.length], avatarStyle: AVATAR_STYLES[i % AVATAR_STYLES.length] });
      room.onMessage(ServerMessage.Poses, () => {}); // the bots only send; without a handler colyseus.js warns per message
      // On a busy machine the first state patch can take a while.
      const self = () => (room.state as { participants?: Map<string, { seat: number }> }).participants?.get(room.sessionId);
      while (!self()) await new Promise((r) => setTimeout(r, 100));
      const seat = self()!.seat;
      bots.push({ room, stop: startBot(room, seat) });
    }
    await page.waitForFunction((n) => Object.keys(window.__hearth.avatars()).length === n - 1, total);
    await page.waitForTimeout(1000);
    await page.evaluate(() => window.__hearth.frameTimes());
    await page.waitForTimeout(SAMPLE_SECONDS * 1000);
    const times: number[] = await page.evaluate(() => window.__hearth.frameTimes());
    const stats = await page.evaluate(() => window.__hearth.render());
    console.log(`${String(total).padStart(7)} | ${String(stats.calls).padStart(10)} | ${String(stats.triangles).padStart(9)} | ${percentile(times, 50).toFixed(2).padStart(18)} | ${percentile(times, 95).toFixed(2).padStart(5)} | ${times.length}`);
  }

  const sizes = bundleSizes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`JavaScript, gzipped: lobby ${kb(sizes.lobby)} · desktop circle route ${kb(sizes.desktopCircle)} (lobby included) · XR chunk adds ${kb(sizes.xrChunk)}, loaded only on WebXR browsers`);
  const assets = assetBytes();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  console.log(`Client assets, as served: ${mb(assets.built)} in dist/client (${assets.files} files, source maps excluded; XR controller and hand models ${mb(assets.xrProfiles)}), of which assets/ ${kb(assets.source)}`);
  console.log(`Desktop initial JavaScript target ≤ 450 kB: ${sizes.desktopCircle <= 450 * 1024 ? "met" : "NOT met"}. Chunks, gzipped (when they load):`);
  for (const chunk of chunkSizes()) console.log(`  ${kb(chunk.bytes).padStart(9)}  ${chunk.loads.padEnd(14)}  ${chunk.file}`);
  console.log("Budgets: ≤ 100 draw calls and ≤ 300k triangles for 16 avatars; ≤ 5 MB of client assets.");

  for (const bot of bots) {
    bot.stop();
    await bot.room.leave();
  }
  await browser.close();
  await hearth.close();
}

await main();
