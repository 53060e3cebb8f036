import express from "express";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { cspDirectives, securityHeaders, type SecurityHeaderOptions } from "../../server/http/security-headers.ts";

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(options: SecurityHeaderOptions, trustProxy = false): Promise<string> {
  const app = express();
  if (trustProxy) app.set("trust proxy", "loopback");
  app.use(securityHeaders(options));
  app.get("/", (_req, res) => res.send("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe("when Hearth is served over HTTPS", () => {
  it("sends HSTS when PUBLIC_URL is https, and upgrades insecure requests", async () => {
    const response = await fetch(await serve({ publicUrl: "https://hearth.example.org" }));
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    expect(response.headers.get("content-security-policy")).toMatch(/upgrade-insecure-requests/);
  });

  it("sends HSTS behind TRUST_PROXY only when the proxy says the request came over HTTPS", async () => {
    const url = await serve({ trustProxy: true }, true);
    expect((await fetch(url, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toMatch(/max-age/);
    expect((await fetch(url)).headers.get("strict-transport-security")).toBeNull();
  });

  it("never sends HSTS over plain HTTP, whatever a client claims without TRUST_PROXY", async () => {
    const url = await serve({});
    expect((await fetch(url, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("when the CSP is built", () => {
  it("lets the page reach LiveKit's socket and HTTP checks, and nothing inline", () => {
    const csp = cspDirectives({ liveKitPublicUrl: "wss://voice.example.org", extraConnectSrc: ["wss://n2.hearth.example.org"] });
    expect(csp["connect-src"]).toEqual(["'self'", "blob:", "data:", "wss://voice.example.org", "https://voice.example.org", "wss://n2.hearth.example.org"]);
    expect(csp["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  });
});
