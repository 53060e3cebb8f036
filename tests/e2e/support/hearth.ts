import { existsSync } from "node:fs";
import { startHearth, type HearthServer } from "../../../server/app.ts";
import { loadConfig } from "../../../server/config.ts";

/** Starts Hearth in this process on a free port, serving the built client from dist/client. */
export async function startHearthForTest(env: Record<string, string> = {}): Promise<HearthServer & { url: string }> {
  if (!existsSync("dist/client/index.html")) {
    throw new Error("The client is not built: run `npm run build` (the test command does this first).");
  }
  const hearth = await startHearth(loadConfig({ PORT: "0", HOST: "127.0.0.1", VOICE: "off", ...env }));
  return { ...hearth, url: `http://localhost:${hearth.port}` };
}
