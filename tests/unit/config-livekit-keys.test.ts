import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";

const own = { LIVEKIT_API_KEY: "hearth-key", LIVEKIT_API_SECRET: "a-secret-of-at-least-thirty-two-characters" };

describe("when LiveKit's dev key pair (devkey/secret) would be used", () => {
  it("starts in development with Hearth's own loopback livekit-server", () => {
    expect(loadConfig({ NODE_ENV: "development" }).LIVEKIT_API_KEY).toBe("devkey");
    expect(() => loadConfig({ LIVEKIT_URL: "ws://127.0.0.1:7880" })).not.toThrow();
    expect(() => loadConfig({ LIVEKIT_URL: "http://localhost:7880", LIVEKIT_PUBLIC_URL: "ws://[::1]:7880" })).not.toThrow();
  });

  it("refuses to start with NODE_ENV=production and says why", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/LIVEKIT_API_KEY\/LIVEKIT_API_SECRET.*NODE_ENV=production.*mint/);
    expect(() => loadConfig({ NODE_ENV: "production", LIVEKIT_API_KEY: "hearth-key" })).toThrow(/development pair/);
    expect(() => loadConfig({ NODE_ENV: "production", LIVEKIT_API_SECRET: own.LIVEKIT_API_SECRET })).toThrow(/development pair/);
  });

  it("refuses to start with a LiveKit that is not on loopback", () => {
    expect(() => loadConfig({ LIVEKIT_URL: "wss://voice.example.org" })).toThrow(/not on loopback/);
    expect(() => loadConfig({ LIVEKIT_PUBLIC_URL: "wss://voice.example.org" })).toThrow(/not on loopback/);
  });

  it("starts with a key pair of its own, or with voice off", () => {
    expect(() => loadConfig({ NODE_ENV: "production", ...own, LIVEKIT_URL: "wss://voice.example.org" })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: "production", VOICE: "off" })).not.toThrow();
  });
});

describe("when FACILITATOR_KEY is set", () => {
  it("refuses one shorter than 12 characters", () => {
    expect(() => loadConfig({ FACILITATOR_KEY: "short-key" })).toThrow(/FACILITATOR_KEY needs at least 12 characters/);
    expect(loadConfig({ FACILITATOR_KEY: "twelve-chars" }).FACILITATOR_KEY).toBe("twelve-chars");
  });
});
