import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { DEFAULT_PUSH_HOSTS, endpointProblem, parseHosts } from "../../server/push/endpoint-policy.ts";
import { sessionNoticeKindOf } from "../../server/push/notices-store.ts";
import { sessionTime, spokenDuration } from "../../server/push/payloads.ts";
import { topicFor } from "../../server/push/sender.ts";
import { loadVapidKeys } from "../../server/push/vapid.ts";
import { openStore } from "../../server/store/open-store.ts";
import type { Db } from "../../server/store/db.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "../integration/support/schedule-api.ts";

describe("which push endpoints the server posts to", () => {
  const production = { hosts: DEFAULT_PUSH_HOSTS, allowLoopback: false };

  it("accepts the browsers' push services", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc:def",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://wns2-by3p.notify.windows.com/w/?token=x",
      "https://web.push.apple.com/QOm",
    ]) {
      expect(endpointProblem(endpoint, production), endpoint).toBeUndefined();
    }
  });

  it("refuses addresses inside a network, other schemes, ports and unknown hosts", () => {
    for (const endpoint of [
      "http://fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com:8443/x",
      "https://127.0.0.1/x",
      "https://[::1]/x",
      "https://169.254.169.254/latest",
      "https://localhost/x",
      "https://printer.local/x",
      "https://user:pw@fcm.googleapis.com/x",
      "https://evilfcm.googleapis.com.attacker.example/x",
      "https://notfcm.googleapis.com.example/x",
      "not a url",
    ]) {
      expect(endpointProblem(endpoint, production), endpoint).toEqual(expect.any(String));
    }
    expect(endpointProblem("http://127.0.0.1:9999/push/x", production)).toEqual(expect.any(String));
    expect(endpointProblem("http://127.0.0.1:9999/push/x", { ...production, allowLoopback: true })).toBeUndefined();
  });

  it("takes PUSH_ENDPOINT_HOSTS as a list, or * for any public https host", () => {
    expect(parseHosts("push.example.org, .other.example")).toEqual(["push.example.org", "other.example"]);
    expect(endpointProblem("https://a.push.example.org/x", { hosts: parseHosts("push.example.org"), allowLoopback: false })).toBeUndefined();
    expect(endpointProblem("https://anything.example/x", { hosts: parseHosts("*"), allowLoopback: false })).toBeUndefined();
    expect(endpointProblem("https://10.1.2.3/x", { hosts: parseHosts("*"), allowLoopback: false })).toEqual(expect.any(String));
  });
});

describe("what a notice says", () => {
  it("speaks durations the way people do", () => {
    expect(spokenDuration(60 * 60_000)).toBe("1 hour");
    expect(spokenDuration(10 * 60_000)).toBe("10 minutes");
    expect(spokenDuration(59.6 * 60_000)).toBe("1 hour");
    expect(spokenDuration(90 * 60_000)).toBe("1 hour 30 minutes");
    expect(spokenDuration(20_000)).toBe("1 minute");
    expect(spokenDuration(3 * 24 * 60 * 60_000)).toBe("3 days");
  });

  it("gives a session's time in its circle's zone, across a change of clocks", () => {
    expect(sessionTime(new Date("2026-03-26T19:00:00Z"), "Europe/London")).toBe("Thu 26 Mar, 19:00 (Europe/London)");
    expect(sessionTime(new Date("2026-04-02T18:00:00Z"), "Europe/London")).toBe("Thu 2 Apr, 19:00 (Europe/London)");
  });

  it("has one Topic per notice, the same on every attempt, in the Web Push alphabet", () => {
    const topic = topicFor("reminder:abc:def:60:1774551600000");
    expect(topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(topicFor("reminder:abc:def:60:1774551600000")).toBe(topic);
    expect(topicFor("reminder:abc:def:10:1774551600000")).not.toBe(topic);
  });

  it("tells of a change only when it changes something for the person", () => {
    const scheduled = { status: "scheduled" as const, moved: false };
    expect(sessionNoticeKindOf(scheduled, "cancel")).toBe("cancelled");
    expect(sessionNoticeKindOf(scheduled, "skip")).toBe("cancelled");
    expect(sessionNoticeKindOf(scheduled, "move")).toBe("moved");
    expect(sessionNoticeKindOf(scheduled, "restore")).toBeUndefined();
    expect(sessionNoticeKindOf({ status: "scheduled", moved: true }, "restore")).toBe("moved");
    expect(sessionNoticeKindOf({ status: "cancelled", moved: false }, "restore")).toBe("restored");
    expect(sessionNoticeKindOf({ status: "cancelled", moved: false }, "cancel")).toBeUndefined();
  });
});

describe("VAPID keys", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore({ dataDir: ":memory:" });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("are made on first start and kept, so every later start (and process) uses the same pair", async () => {
    const first = await loadVapidKeys(db, {}, new Date());
    const again = await loadVapidKeys(db, {}, new Date());
    expect(again).toEqual(first);
    expect(Buffer.from(first.publicKey, "base64url")).toHaveLength(65);
    expect(first.subject).toMatch(/^mailto:/);
    expect((await loadVapidKeys(db, { PUBLIC_URL: "https://hearth.example.org/x" }, new Date())).subject).toBe("https://hearth.example.org");
  });

  it("come from the environment when given, both or neither", async () => {
    const given = await loadVapidKeys(db, {}, new Date());
    const env = await loadVapidKeys(db, { VAPID_PUBLIC_KEY: given.publicKey, VAPID_PRIVATE_KEY: given.privateKey, VAPID_SUBJECT: "mailto:ops@example.org" }, new Date());
    expect(env.subject).toBe("mailto:ops@example.org");
    await expect(loadVapidKeys(db, { VAPID_PUBLIC_KEY: given.publicKey }, new Date())).rejects.toThrow(/both keys/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: "short" })).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => loadConfig({ VAPID_SUBJECT: "ops@example.org" })).toThrow(/VAPID_SUBJECT/);
    expect(() => loadConfig({ PUSH: "maybe" })).toThrow(/PUSH/);
  });
});

describe("when notifications are turned off (PUSH=off)", () => {
  let api: ScheduleApi;
  beforeAll(async () => {
    api = await startScheduleApi({ dataDir: ":memory:" }, new Date("2026-03-25T12:00:00Z"));
  });
  afterAll(async () => {
    await api?.close();
  });

  it("answers every /api/push route with 404 and a clear message", async () => {
    const agent = new Agent(api.url);
    for (const reply of [await agent.get("/api/push/vapid-public-key"), await agent.post("/api/push/subscriptions", {})]) {
      expect(reply.status).toBe(404);
      expect(reply.body.error).toMatch(/turned off/);
    }
  });
});
