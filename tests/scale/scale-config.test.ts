import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { trustProxyValue } from "../../server/http/rate-limits.ts";
import { scaleOutFromConfig } from "../../server/scale.ts";

const SECRET = "a-ticket-secret-shared-by-every-process-0123";

describe("scale-out configuration", () => {
  it("uses nothing extra without REDIS_URL", () => {
    expect(scaleOutFromConfig(loadConfig({ VOICE: "off" }))).toEqual({});
  });

  it("takes PUBLIC_ADDRESS as host:port, [ipv6]:port or host/path, and nothing with a scheme", () => {
    for (const address of ["hearth.example.org:2567", "[::1]:2567", "hearth.example.org/n1", "10.0.0.5:2568"]) {
      expect(loadConfig({ VOICE: "off", PUBLIC_ADDRESS: address }).PUBLIC_ADDRESS).toBe(address);
    }
    for (const address of ["https://hearth.example.org", "wss://x:1", "has space:1"]) {
      expect(() => loadConfig({ VOICE: "off", PUBLIC_ADDRESS: address }), address).toThrow(/PUBLIC_ADDRESS/);
    }
    expect(() => loadConfig({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL/);
  });

  it("needs a shared TICKET_SECRET when several processes share voice", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/TICKET_SECRET.*REDIS_URL/);
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", TICKET_SECRET: SECRET }).TICKET_SECRET).toBe(SECRET);
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", VOICE: "off" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
  });

  it("derives this process's address from HOST and PORT, and refuses PORT 0 without PUBLIC_ADDRESS", async () => {
    const config = loadConfig({ REDIS_URL: "redis://127.0.0.1:1", VOICE: "off", HOST: "10.0.0.5", PORT: "2568" });
    const scale = scaleOutFromConfig({ ...config });
    try {
      expect(scale.publicAddress).toBe("10.0.0.5:2568");
      expect(scale.presence).toBeInstanceOf(RedisPresence);
      expect(scale.driver).toBeInstanceOf(RedisDriver);
    } finally {
      // Nothing listens on port 1: close the clients that are trying.
      scale.presence?.shutdown();
      await scale.driver?.shutdown();
    }
    expect(() => scaleOutFromConfig({ ...config, PORT: 0 })).toThrow(/PUBLIC_ADDRESS/);
  });

  it("reads TRUST_PROXY as a hop count or as names and addresses", () => {
    expect(trustProxyValue("1")).toBe(1);
    expect(trustProxyValue("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
  });
});
