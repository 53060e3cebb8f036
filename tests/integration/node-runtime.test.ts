import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { type HearthProcess, startHearthProcess } from "../support/hearth-process.ts";

const major = (version: string) => Number(version.replace(/^v/, "").split(".")[0]);

describe("when Hearth runs from its npm scripts", () => {
  let server: HearthProcess | undefined;
  afterAll(() => server?.stop());

  it("runs the tests on Node 24 or newer (node_modules/.bin/node), whatever the system Node is", () => {
    console.log(`vitest runs on Node ${process.version}`);
    expect(major(process.version)).toBeGreaterThanOrEqual(24);
  });

  it("declares Node 24 or newer in engines", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(">=24");
  });

  it("starts the server on the same Node and says which", async () => {
    server = await startHearthProcess({ VOICE: "off", DATA_DIR: ":memory:", LOG_LEVEL: "warn" }, 110_000);
    const deadline = Date.now() + 10_000;
    while (!server.output().includes("Hearth is running") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const printed = /\(Node (v[\d.]+)\)/.exec(server.output())?.[1];
    console.log(`the server printed Node ${printed}`);
    expect(major(printed ?? "v0")).toBeGreaterThanOrEqual(24);
  }, 120_000);
});
