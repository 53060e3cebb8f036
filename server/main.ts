import { startHearth } from "./app.ts";
import { loadConfig } from "./config.ts";
import { log } from "./log.ts";

const config = loadConfig();
const hearth = await startHearth(config);
console.log(`Hearth is running: http://localhost:${hearth.port} (Node ${process.version})`);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    await hearth.close();
    process.exit(0);
  });
}
