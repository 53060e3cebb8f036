import { Client } from "colyseus.js";
import { it } from "vitest";
import { startHearthProcess } from "../../support/hearth-process.ts";
import { startTestRedis } from "../../support/redis.ts";
it("dbg", async () => {
  const redis = await startTestRedis();
  const env = { REDIS_URL: redis.url, VOICE: "off", DEBUG: "colyseus:*" };
  const p1 = await startHearthProcess(env);
  const p2 = await startHearthProcess(env);
  const a = await new Client(p1.wsUrl).joinOrCreate("circle", { circleId: "open-circle", pseudonym: "Aaa", color: "#e07a5f" });
  console.log("a on", (a.connection.transport as any).ws.url);
  const onP1 = (a.connection.transport as any).ws.url.includes(`:${p1.port}/`);
  const [holder, survivor] = onP1 ? [p1, p2] : [p2, p1];
  await holder.stop("SIGKILL");
  const t = Date.now();
  try {
    const b = await new Client(survivor.wsUrl).joinOrCreate("circle", { circleId: "open-circle", pseudonym: "Bbb", color: "#e07a5f" });
    console.log("b ok", b.roomId, Date.now() - t);
  } catch (e) { console.log("b failed", String(e), Date.now() - t); }
  await new Promise((r) => setTimeout(r, 500));
  console.log(survivor.output().slice(-6000));
  await survivor.stop(); await redis.stop();
}, 60000);
