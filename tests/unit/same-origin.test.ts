import express from "express";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { originGuard } from "../../server/http/auth-middleware.ts";
import { errorHandler } from "../../server/http/http-errors.ts";
import { isOwnOrigin, upgradeFromOwnOrigin } from "../../server/http/same-origin.ts";

describe("when an Origin is compared with Hearth's own", () => {
  it("needs the same scheme, host and port", () => {
    expect(isOwnOrigin("http://hearth.test:2567", "http://hearth.test:2567")).toBe(true);
    expect(isOwnOrigin("http://hearth.test:9999", "http://hearth.test:2567")).toBe(false);
    expect(isOwnOrigin("https://hearth.test:2567", "http://hearth.test:2567")).toBe(false);
    expect(isOwnOrigin("http://evil.test:2567", "http://hearth.test:2567")).toBe(false);
    expect(isOwnOrigin("http://hearth.test", "http://hearth.test:2567")).toBe(false);
  });

  it("treats a scheme's default port and letter case as the same origin", () => {
    expect(isOwnOrigin("https://Hearth.Test", "https://hearth.test:443")).toBe(true);
    expect(isOwnOrigin("http://[::1]:2567", "http://[::1]:2567")).toBe(true);
  });

  it("refuses an opaque or malformed origin", () => {
    expect(isOwnOrigin("null", "http://hearth.test")).toBe(false);
    expect(isOwnOrigin("not a url", "http://hearth.test")).toBe(false);
    expect(isOwnOrigin("", "http://hearth.test")).toBe(false);
  });

  it("accepts PUBLIC_URL's origin", () => {
    expect(isOwnOrigin("https://hearth.example.org", "http://10.0.0.5:2567", "https://hearth.example.org/app")).toBe(true);
  });
});

describe("when a WebSocket upgrade carries a cookie", () => {
  it("compares its Origin with the Host header, port included", () => {
    expect(upgradeFromOwnOrigin({ host: "127.0.0.1:2567", origin: "http://127.0.0.1:2567" }, {})).toBe(true);
    expect(upgradeFromOwnOrigin({ host: "127.0.0.1:2567", origin: "http://127.0.0.1:9999" }, {})).toBe(false);
    expect(upgradeFromOwnOrigin({ host: "127.0.0.1:2567" }, {})).toBe(true); // not a browser
  });

  it("believes X-Forwarded-Proto and -Host only with TRUST_PROXY", () => {
    const proxied = { host: "10.0.0.5:2567", origin: "https://hearth.example.org", "x-forwarded-proto": "https", "x-forwarded-host": "hearth.example.org" };
    expect(upgradeFromOwnOrigin(proxied, { trustProxy: true })).toBe(true);
    expect(upgradeFromOwnOrigin(proxied, {})).toBe(false);
    expect(upgradeFromOwnOrigin({ ...proxied, "x-forwarded-host": "hearth.example.org:8443" }, { trustProxy: true })).toBe(false);
  });
});

describe("when a state-changing HTTP request names an origin", () => {
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    const app = express();
    app.use(originGuard());
    app.post("/change", (_req, res) => res.json({ ok: true }));
    app.use(errorHandler);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const post = (headers: Record<string, string>) => fetch(`${base}/change`, { method: "POST", headers });

  it("refuses another port of the same host", async () => {
    const response = await post({ origin: base.replace(/:\d+$/, ":9999") });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/another site/) });
    expect((await post({ referer: `${base.replace(/:\d+$/, ":9999")}/page` })).status).toBe(403);
  });

  it("accepts its own origin, and a request with neither Origin nor Referer", async () => {
    expect((await post({ origin: base })).status).toBe(200);
    expect((await post({ referer: `${base}/host/circles` })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });
});
