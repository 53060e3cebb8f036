import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/accounts/accounts-store.ts";
import type { ReferralDirectory } from "../../shared/referrals.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "./support/schedule-api.ts";

const NOW = new Date("2026-03-02T12:00:00Z");
const HOST = { email: "host@example.org", password: "a long host password", displayName: "Robin (host)" };
const counselling = {
  name: "Northside Men's Counselling",
  kind: "counselling",
  country: "GB",
  languages: ["en"],
  description: "Low-cost counselling for men, six sessions.",
  phone: "0161 000 0000",
  url: "https://example.org/counselling",
  hours: "Mon–Fri 9–5",
};
const helpline = { name: "Línea de apoyo a padres", kind: "helpline", country: "ES", languages: ["es"], phone: "900 000 000" };

describe("the referral directory API", () => {
  let dataDir: string;
  let api: ScheduleApi;
  let host: Agent;
  let otherHost: Agent;
  let anyone: Agent;
  let circleId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "hearth-referrals-"));
    api = await startScheduleApi({ dataDir }, NOW);
    host = new Agent(api.url);
    anyone = new Agent(api.url, { "x-forwarded-for": "10.0.0.3" });
    expect((await host.post("/api/setup", HOST)).status).toBe(201);
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", {
      title: "Fathers after separation",
      description: "A circle for dads finding their feet.",
      topicTags: ["fathers"],
      language: "en",
      agreements: "What is said here stays here.",
      capacity: 8,
      visibility: "invite",
    });
    circleId = circle.body.circle.id;
    await createAccount(api.db, { email: "other@example.org", password: "other host password", displayName: "Other", role: "host" }, NOW);
    otherHost = new Agent(api.url, { "x-forwarded-for": "10.0.0.2" });
    expect((await otherHost.post("/api/auth/sign-in", { email: "other@example.org", password: "other host password" })).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe("when nobody configured one", () => {
    it("answers an empty directory for a circle, and for an unknown or always-open circle", async () => {
      for (const id of [circleId, "open-circle", "no-such-circle"]) {
        const reply = await anyone.get<ReferralDirectory>(`/api/circles/${id}/referrals`);
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ entries: [], updatedAt: null });
      }
    });
  });

  describe("when the host saves a circle's directory and one for all their circles", () => {
    it("serves both to anyone, the circle's first, in one cacheable answer", async () => {
      const own = await host.request<ReferralDirectory>("PUT", `/api/host/circles/${circleId}/referrals`, { entries: [counselling] });
      expect(own.status).toBe(200);
      expect(own.body.entries).toEqual([counselling]);
      const all = await host.request<ReferralDirectory>("PUT", "/api/host/referrals", { entries: [helpline] });
      expect(all.body.entries).toEqual([helpline]);

      const seen = await anyone.get<ReferralDirectory>(`/api/circles/${circleId}/referrals`);
      expect(seen.body.entries.map((e) => e.name)).toEqual([counselling.name, helpline.name]);
      expect(seen.body.updatedAt).toBe(NOW.toISOString());
      expect(seen.headers.get("cache-control")).toMatch(/public/);
      expect(seen.headers.get("set-cookie")).toBeNull();
    });

    it("replaces the directory whole, and an empty list removes it", async () => {
      await host.request("PUT", `/api/host/circles/${circleId}/referrals`, { entries: [] });
      expect((await host.get<ReferralDirectory>(`/api/host/circles/${circleId}/referrals`)).body).toEqual({ entries: [], updatedAt: null });
      await host.request("PUT", `/api/host/circles/${circleId}/referrals`, { entries: [counselling] });
    });
  });

  describe("when the input is wrong or the caller may not", () => {
    it.each([
      ["an unknown field", { entries: [{ ...counselling, tracking: true }] }],
      ["an extra top-level field", { entries: [], owner: "x" }],
      ["a bad country", { entries: [{ ...counselling, country: "Britain" }] }],
      ["a bad language", { entries: [{ ...counselling, languages: ["English"] }] }],
      ["a javascript: link", { entries: [{ ...counselling, url: "javascript:alert(1)" }] }],
      ["an unknown kind", { entries: [{ ...counselling, kind: "miracle" }] }],
      ["an empty name", { entries: [{ ...counselling, name: "  " }] }],
      ["too many entries", { entries: Array.from({ length: 61 }, () => counselling) }],
      ["no list", {}],
    ])("refuses %s with 400 and changes nothing", async (_what, body) => {
      const reply = await host.request<{ error: string; fields?: Record<string, string> }>("PUT", `/api/host/circles/${circleId}/referrals`, body);
      expect(reply.status).toBe(400);
      expect(reply.body.fields).toBeDefined();
      expect((await anyone.get<ReferralDirectory>(`/api/circles/${circleId}/referrals`)).body.entries[0]).toEqual(counselling);
    });

    it("refuses another host (403), an unknown circle (404) and anyone signed out (401/403)", async () => {
      expect((await otherHost.request("PUT", `/api/host/circles/${circleId}/referrals`, { entries: [] })).status).toBe(403);
      expect((await otherHost.get(`/api/host/circles/${circleId}/referrals`)).status).toBe(403);
      expect((await host.request("PUT", "/api/host/circles/nope/referrals", { entries: [] })).status).toBe(404);
      expect([401, 403]).toContain((await anyone.request("PUT", "/api/host/referrals", { entries: [] })).status);
      // Another host's own directory is theirs alone.
      expect((await otherHost.get<ReferralDirectory>("/api/host/referrals")).body.entries).toEqual([]);
    });
  });
});
