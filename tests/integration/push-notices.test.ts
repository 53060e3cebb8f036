import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PushWorker } from "../../server/push/worker.ts";
import { webPushSender } from "../../server/push/sender.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";
import { type Delivery, startTestPushService, type TestPushService } from "../support/push-service.ts";
import { allowNotifications, circleWithSeries, participant, type PushApi, register, startPushApi, WEEKLY } from "./support/push-api.ts";

/** Wednesday 25 March 2026: the clocks in London go forward on Sunday 29 March (GMT → BST). */
const NOW = new Date("2026-03-25T12:00:00Z");
const AFTER_DST = "2026-04-02T18:00:00.000Z"; // Thursday 2 April, 19:00 BST
const BEFORE_DST = "2026-03-26T19:00:00.000Z"; // Thursday 26 March, 19:00 GMT

type StoreKind = "PGlite" | "PostgreSQL";

describe.each<StoreKind>(["PGlite", "PostgreSQL"])("Web Push reminders and notices on %s", (kind) => {
  let postgres: TestPostgres | undefined;
  let dataDir: string | undefined;
  let api: PushApi;
  let push: TestPushService;

  const at = (iso: string) => api.clock.set(new Date(iso));
  const deliveriesTo = (subscriptionId: string): Delivery[] => push.deliveries.filter((d) => d.subscriptionId === subscriptionId);

  async function weeklyFromThe26th(capacity = 8) {
    return circleWithSeries(api, capacity, { ...WEEKLY, startDate: "2026-03-26" });
  }

  beforeAll(async () => {
    if (kind === "PostgreSQL") postgres = await startTestPostgres();
    else dataDir = mkdtempSync(path.join(tmpdir(), "hearth-push-"));
    api = await startPushApi(postgres ? { databaseUrl: postgres.url, dataDir: "" } : { dataDir: dataDir! }, NOW);
    push = await startTestPushService({ vapidPublicKey: () => api.vapid.publicKey });
  });

  afterAll(async () => {
    await push?.close();
    await api?.close();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    at(NOW.toISOString());
    push.answer = () => 201;
  });

  describe("when a participant allows notifications", () => {
    it("hands out the VAPID public key a browser subscribes with", async () => {
      const reply = await api.anyone.get<{ publicKey: string }>("/api/push/vapid-public-key");
      expect(reply.status).toBe(200);
      expect(reply.body.publicKey).toBe(api.vapid.publicKey);
      expect(Buffer.from(reply.body.publicKey, "base64url")).toHaveLength(65);
    });

    it("stores the subscription under the key's hash, once per endpoint", async () => {
      const who = participant();
      const sub = push.subscribe();
      const first = await api.anyone.post("/api/push/subscriptions", sub.toJSON(), who.headers);
      expect(first.status).toBe(201);
      const again = await api.anyone.post("/api/push/subscriptions", sub.toJSON(), who.headers);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const listed = await api.anyone.get<{ subscriptions: { pushService: string }[] }>("/api/push/subscriptions", who.headers);
      expect(listed.body.subscriptions).toEqual([expect.objectContaining({ pushService: new URL(push.url).host })]);
      const stored = await api.db.query<Record<string, unknown>>("SELECT * FROM push_subscriptions WHERE endpoint = $1", [sub.endpoint]);
      expect(stored).toHaveLength(1);
      expect(Object.keys(stored[0]!).sort()).toEqual(["auth", "created_at", "endpoint", "expires_at", "id", "p256dh", "participant_key_hash"]);
      expect(stored[0]!.participant_key_hash).not.toBe(who.key);
    });

    it("keeps at most 10 browsers per key (a new one replaces the oldest), and unsubscribes one by endpoint", async () => {
      const who = participant();
      const subs = [];
      const endpoints: string[] = [];
      for (let i = 0; i < 11; i++) {
        const sub = push.subscribe();
        endpoints.push(sub.endpoint);
        subs.push(await allowNotifications(api, who, sub));
        api.clock.advance(1000);
      }
      const listed = await api.anyone.get<{ subscriptions: { id: string }[] }>("/api/push/subscriptions", who.headers);
      expect(listed.body.subscriptions.map((s) => s.id)).toEqual(subs.slice(1));
      const one = await api.anyone.request("DELETE", "/api/push/subscriptions", { endpoint: endpoints[10] }, who.headers);
      expect(one.body).toEqual({ deleted: { subscriptions: 1 } });
      expect((await api.anyone.request("DELETE", "/api/push/subscriptions", { endpoint: endpoints[10] }, who.headers)).status).toBe(404);
      expect((await api.anyone.request("DELETE", "/api/push/subscriptions", { endpoint: endpoints[9], extra: 1 }, who.headers)).status).toBe(400);
      expect((await api.anyone.delete("/api/push/subscriptions", who.headers)).body).toEqual({ deleted: { subscriptions: 9 } });
    });

    it("refuses a subscription with an unknown field, bad keys or an endpoint inside a network, naming the field", async () => {
      const who = participant();
      const sub = push.subscribe().toJSON();
      const cases: [unknown, string][] = [
        [{ ...sub, endpoint_url: sub.endpoint }, "endpoint_url"],
        [{ ...sub, keys: { ...sub.keys, p256dh: "abc" } }, "keys.p256dh"],
        [{ ...sub, keys: { ...sub.keys, p256dh: Buffer.alloc(65, 4).toString("base64url") } }, "keys.p256dh"],
        [{ ...sub, keys: { p256dh: sub.keys.p256dh } }, "keys.auth"],
        [{ ...sub, endpoint: "https://10.0.0.7/push/x" }, "endpoint"],
        [{ ...sub, endpoint: "https://metadata.internal/push/x" }, "endpoint"],
        [{ ...sub, endpoint: "https://push.example.net/x" }, "endpoint"],
        [{ ...sub, endpoint: "ftp://fcm.googleapis.com/x" }, "endpoint"],
      ];
      for (const [body, field] of cases) {
        const reply = await api.anyone.post<{ fields: Record<string, string> }>("/api/push/subscriptions", body, who.headers);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(Object.keys(reply.body.fields)).toContain(field);
      }
      expect((await api.anyone.post("/api/push/subscriptions", sub)).status).toBe(401);
      const fcm = { ...sub, endpoint: "https://fcm.googleapis.com/fcm/send/abc" };
      expect((await api.anyone.post("/api/push/subscriptions", fcm, who.headers)).status).toBe(201);
      expect((await api.anyone.get<{ subscriptions: unknown[] }>("/api/push/subscriptions", who.headers)).body.subscriptions).toHaveLength(1);
      expect((await api.anyone.delete("/api/push/subscriptions", who.headers)).body).toEqual({ deleted: { subscriptions: 1 } });
    });

    it("lets the participant choose reminder times or turn them off, and refuses nonsense", async () => {
      const who = participant();
      expect((await api.anyone.get("/api/push/preferences", who.headers)).body).toEqual({ reminderMinutes: [60, 10] });
      const put = await api.anyone.request("PUT", "/api/push/preferences", { reminderMinutes: [15, 1440] }, who.headers);
      expect(put.body).toEqual({ reminderMinutes: [1440, 15] });
      for (const bad of [{ reminderMinutes: [0] }, { reminderMinutes: [10, 10] }, { reminderMinutes: [1, 2, 3, 4, 5] }, { reminder_minutes: [10] }]) {
        const reply = await api.anyone.request("PUT", "/api/push/preferences", bad, who.headers);
        expect(reply.status).toBe(400);
      }
      expect((await api.anyone.get("/api/push/preferences", who.headers)).body).toEqual({ reminderMinutes: [1440, 15] });
    });
  });

  describe("when a registered session comes near", () => {
    it("reminds at 1 hour and 10 minutes before, at the right instant across the change to summer time", async () => {
      const { upcoming } = await weeklyFromThe26th();
      const before = upcoming.find((s) => s.start === BEFORE_DST)!;
      const after = upcoming.find((s) => s.start === AFTER_DST)!;
      const who = participant();
      await register(api, who, before.id, "Wren");
      await register(api, who, after.id, "Wren");
      const sub = push.subscribe();
      await allowNotifications(api, who, sub);

      at("2026-03-26T17:59:59Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(0);
      at("2026-03-26T18:00:00Z"); // 19:00 GMT less an hour
      await api.worker.tick();
      expect(deliveriesTo(sub.id).map((d) => d.payload.body)).toEqual(["Your circle starts in 1 hour."]);
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(1);
      at("2026-03-26T18:50:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id).map((d) => d.payload.body)).toEqual(["Your circle starts in 1 hour.", "Your circle starts in 10 minutes."]);

      // After the change, 19:00 in London is 18:00 UTC: the hour-before reminder is at 17:00 UTC.
      at("2026-04-02T16:59:59Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(2);
      at("2026-04-02T17:00:00Z");
      await api.worker.tick();
      const third = deliveriesTo(sub.id)[2]!;
      expect(third.payload).toMatchObject({ kind: "reminder", body: "Your circle starts in 1 hour.", url: `/sessions/${after.id}`, start: AFTER_DST });
      at("2026-04-02T17:50:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)[3]!.payload.body).toBe("Your circle starts in 10 minutes.");
      at("2026-04-02T18:00:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(4);
    });

    it("sends encrypted, VAPID-signed messages that carry no pseudonym or title, with a Topic and a TTL", async () => {
      const { upcoming } = await weeklyFromThe26th();
      const who = participant();
      await register(api, who, upcoming[0]!.id, "Juniper");
      const sub = push.subscribe();
      await allowNotifications(api, who, sub);
      at("2026-03-26T18:00:00Z");
      await api.worker.tick();
      const [delivery] = deliveriesTo(sub.id);
      expect(push.rejected).toEqual([]);
      expect(delivery!.vapidKey).toBe(api.vapid.publicKey);
      expect(delivery!.jwt.aud).toBe(push.url);
      expect(delivery!.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
      expect(delivery!.ttl).toBe(3600);
      const text = JSON.stringify(delivery!.payload);
      expect(text).not.toContain("Juniper");
      expect(text).not.toContain("Grief");
      expect(Object.keys(delivery!.payload).sort()).toEqual(["body", "id", "kind", "start", "title", "url", "v"]);
    });

    it("follows the participant's choice: other times, or none", async () => {
      const { upcoming } = await weeklyFromThe26th();
      const chooser = participant();
      const silent = participant();
      await register(api, chooser, upcoming[0]!.id, "Alder");
      await register(api, silent, upcoming[0]!.id, "Birch");
      const chooserSub = push.subscribe();
      const silentSub = push.subscribe();
      await allowNotifications(api, chooser, chooserSub);
      await allowNotifications(api, silent, silentSub);
      await api.anyone.request("PUT", "/api/push/preferences", { reminderMinutes: [30] }, chooser.headers);
      await api.anyone.request("PUT", "/api/push/preferences", { reminderMinutes: [] }, silent.headers);
      for (const time of ["2026-03-26T18:00:00Z", "2026-03-26T18:30:00Z", "2026-03-26T18:50:00Z"]) {
        at(time);
        await api.worker.tick();
      }
      expect(deliveriesTo(chooserSub.id).map((d) => d.payload.body)).toEqual(["Your circle starts in 30 minutes."]);
      expect(deliveriesTo(silentSub.id)).toEqual([]);
    });
  });

  describe("when the host changes a registered session", () => {
    async function setUp() {
      const { upcoming } = await weeklyFromThe26th();
      const session = upcoming.find((s) => s.start === AFTER_DST)!;
      const who = participant();
      await register(api, who, session.id, "Rowan");
      const sub = push.subscribe();
      await allowNotifications(api, who, sub);
      return { session, sub };
    }

    it("tells them it moved, and reminds them at the new time only", async () => {
      const { session, sub } = await setUp();
      at("2026-04-02T16:55:00Z"); // the 17:00 reminder is already queued
      await api.worker.tick();
      const moved = await api.host.patch(`/api/host/sessions/${session.id}`, { action: "move", start: "2026-04-02T19:30:00Z" });
      expect(moved.status).toBe(200);
      await api.worker.tick();
      expect(deliveriesTo(sub.id).map((d) => d.payload)).toEqual([
        expect.objectContaining({ kind: "moved", body: "Your circle has moved. It now starts Thu 2 Apr, 20:30 (Europe/London).", start: "2026-04-02T19:30:00.000Z" }),
      ]);
      at("2026-04-02T17:00:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(1);
      at("2026-04-02T18:30:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id).map((d) => d.payload.body)).toEqual([expect.stringContaining("moved"), "Your circle starts in 1 hour."]);
    });

    it("tells them it was cancelled, sends no reminder, and tells them when it is back on", async () => {
      const { session, sub } = await setUp();
      expect((await api.host.patch(`/api/host/sessions/${session.id}`, { action: "cancel" })).status).toBe(200);
      await api.worker.tick();
      expect(deliveriesTo(sub.id).map((d) => d.payload)).toEqual([
        expect.objectContaining({ kind: "cancelled", body: "Your circle on Thu 2 Apr, 19:00 (Europe/London) is cancelled." }),
      ]);
      at("2026-04-02T17:00:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(1);
      at("2026-04-02T17:20:00Z"); // too late for the hour-before reminder: none comes
      expect((await api.host.patch(`/api/host/sessions/${session.id}`, { action: "restore" })).status).toBe(200);
      await api.worker.tick();
      expect(deliveriesTo(sub.id)[1]!.payload).toMatchObject({ kind: "restored", body: "Your circle on Thu 2 Apr, 19:00 (Europe/London) is back on." });
      at("2026-04-02T17:50:00Z");
      await api.worker.tick();
      expect(deliveriesTo(sub.id)[2]!.payload.body).toBe("Your circle starts in 10 minutes.");
    });
  });

  describe("when a waitlist place is given", () => {
    it("tells the person who got it, and nobody else", async () => {
      const { upcoming } = await weeklyFromThe26th(2);
      const session = upcoming[0]!;
      const [a, b, c] = [participant(), participant(), participant()];
      const held = await register(api, a, session.id, "Ash");
      await register(api, b, session.id, "Beech");
      const waiting = await register(api, c, session.id, "Cedar");
      expect(waiting.registration.status).toBe("waitlisted");
      const [subA, subB, subC] = [push.subscribe(), push.subscribe(), push.subscribe()];
      await allowNotifications(api, a, subA);
      await allowNotifications(api, b, subB);
      await allowNotifications(api, c, subC);
      expect((await api.anyone.delete(`/api/me/registrations/${held.registration.id}`, a.headers)).status).toBe(200);
      await api.worker.tick();
      expect(deliveriesTo(subC.id).map((d) => d.payload)).toEqual([
        expect.objectContaining({ kind: "promoted", body: "A place opened for you: you are now registered for your circle on Thu 26 Mar, 19:00 (Europe/London)." }),
      ]);
      expect(deliveriesTo(subA.id)).toEqual([]);
      expect(deliveriesTo(subB.id)).toEqual([]);
    });
  });

  describe("when the push service answers", () => {
    async function notice() {
      const { upcoming } = await weeklyFromThe26th();
      const who = participant();
      await register(api, who, upcoming[0]!.id, "Hazel");
      const sub = push.subscribe();
      const subscriptionId = await allowNotifications(api, who, sub);
      await api.host.patch(`/api/host/sessions/${upcoming[0]!.id}`, { action: "cancel" });
      return { who, sub, subscriptionId };
    }

    it("drops a subscription the push service says is gone (410), and does not try again", async () => {
      const { who, sub, subscriptionId } = await notice();
      push.answer = (d) => (d.subscriptionId === sub.id ? 410 : 201);
      const report = await api.worker.tick();
      expect(report.dropped).toBe(1);
      expect(deliveriesTo(sub.id)).toHaveLength(1);
      expect((await api.anyone.get<{ subscriptions: unknown[] }>("/api/push/subscriptions", who.headers)).body.subscriptions).toEqual([]);
      expect(await api.db.query("SELECT 1 FROM push_subscriptions WHERE id = $1", [subscriptionId])).toEqual([]);
      expect(await api.db.query("SELECT 1 FROM push_notices WHERE subscription_id = $1", [subscriptionId])).toEqual([]);
      api.clock.advance(3600_000);
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(1);
    });

    it("retries a failure later with back-off, not at once", async () => {
      const { sub, subscriptionId } = await notice();
      push.answer = () => 503;
      await api.worker.tick();
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(1);
      const [row] = await api.db.query<{ not_before: Date; status: string }>("SELECT status, not_before FROM push_notices WHERE subscription_id = $1", [subscriptionId]);
      expect(row!.status).toBe("pending");
      const wait = row!.not_before.getTime() - api.clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(20_000);
      expect(wait).toBeLessThanOrEqual(40_000);
      api.clock.advance(wait);
      push.answer = () => 201;
      await api.worker.tick();
      expect(deliveriesTo(sub.id).map((d) => d.status)).toEqual([503, 201]);
      expect(new Set(deliveriesTo(sub.id).map((d) => d.topic)).size).toBe(1);
      api.clock.advance(3600_000);
      await api.worker.tick();
      expect(deliveriesTo(sub.id)).toHaveLength(2);
    });
  });

  describe("when two workers share the queue", () => {
    it("sends each notice once", async () => {
      const { upcoming } = await weeklyFromThe26th(16);
      const subs = [];
      for (let i = 0; i < 12; i++) {
        const who = participant();
        await register(api, who, upcoming[1]!.id, `Fern ${i}`);
        const sub = push.subscribe();
        await allowNotifications(api, who, sub);
        subs.push(sub);
      }
      await api.host.patch(`/api/host/sessions/${upcoming[1]!.id}`, { action: "cancel" });
      const sender = webPushSender(api.vapid, 5_000);
      const workers = [0, 1].map(() => new PushWorker({ db: api.db, clock: api.clock, sender, batch: 3 }));
      await Promise.all([...workers.map((w) => w.tick()), ...workers.map((w) => w.tick())]);
      for (const sub of subs) expect(deliveriesTo(sub.id)).toHaveLength(1);
    });
  });

  describe("when the participant is forgotten or exports their data", () => {
    it("lists that subscriptions exist in the export, and forget me deletes them", async () => {
      const who = participant();
      const sub = push.subscribe();
      await allowNotifications(api, who, sub);
      await api.anyone.request("PUT", "/api/push/preferences", { reminderMinutes: [5] }, who.headers);
      const exported = await api.anyone.get<{ pushSubscriptions: { pushService: string }[]; notificationPreferences: unknown }>("/api/me/export", who.headers);
      expect(exported.body.pushSubscriptions).toEqual([expect.objectContaining({ pushService: new URL(push.url).host })]);
      expect(exported.text).not.toContain(sub.keys.auth);
      expect(exported.text).not.toContain(sub.endpoint);
      expect(exported.body.notificationPreferences).toEqual({ reminderMinutes: [5] });
      const forgot = await api.anyone.delete<{ deleted: { pushSubscriptions: number } }>("/api/me", who.headers);
      expect(forgot.body.deleted.pushSubscriptions).toBe(1);
      expect(await api.db.query("SELECT 1 FROM push_subscriptions WHERE endpoint = $1", [sub.endpoint])).toEqual([]);
      expect((await api.anyone.get("/api/push/preferences", who.headers)).body).toEqual({ reminderMinutes: [60, 10] });
    });
  });
});
