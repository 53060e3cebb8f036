import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { type HearthProcess, startHearthProcess } from "../support/hearth-process.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";
import { type Delivery, startTestPushService, type TestPushService } from "../support/push-service.ts";
import { waitFor } from "../support/wait.ts";
import { Agent } from "./support/schedule-api.ts";

/** Real Hearth processes (server/main.ts) sharing one PostgreSQL, their push workers sending to a local push service. */

const NOW = "2026-03-25T12:00:00Z";

describe("when Hearth processes send notices from one PostgreSQL", () => {
  let postgres: TestPostgres;
  let push: TestPushService;
  let sql: pg.Client;
  let vapidKey: string | undefined;
  const processes: HearthProcess[] = [];

  // A send gives up after half the lease: a short lease keeps the crash case quick, a long one
  // keeps a loaded machine's slow sends from timing out (and being retried 30 s later).
  const start = async (now = NOW, leaseSeconds = 30) => {
    const hearth = await startHearthProcess({
      DATABASE_URL: postgres.url,
      HEARTH_FAKE_NOW: now,
      VOICE: "off",
      OPEN_CIRCLE: "off",
      PUSH_POLL_SECONDS: "0.05",
      PUSH_LEASE_SECONDS: String(leaseSeconds),
    });
    processes.push(hearth);
    return hearth;
  };

  /** A circle with a session that `count` people registered for, each allowing notifications. */
  async function registeredSubscribers(base: string, count: number): Promise<{ host: Agent; sessionId: string }> {
    const host = new Agent(base);
    const setup = await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" });
    expect(setup.status).toBe(201);
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", {
      title: "Carers", description: "", topicTags: [], language: "en", agreements: "", capacity: 16, visibility: "public",
    });
    const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, {
      repeat: "weekly", startDate: "2026-03-26", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
    });
    const sessionId = series.body.upcoming[1]!.id;
    const anyone = new Agent(base);
    vapidKey = (await anyone.get<{ publicKey: string }>("/api/push/vapid-public-key")).body.publicKey;
    for (let i = 0; i < count; i++) {
      const headers = { "x-participant-key": newParticipantKey() };
      expect((await anyone.post(`/api/sessions/${sessionId}/registrations`, { pseudonym: `Person ${i}` }, headers)).status).toBe(201);
      expect((await anyone.post("/api/push/subscriptions", push.subscribe().toJSON(), headers)).status).toBe(201);
    }
    return { host, sessionId };
  }

  const byNotice = (deliveries: Delivery[]) => {
    const map = new Map<string, Delivery[]>();
    for (const d of deliveries) map.set(d.payload.id, [...(map.get(d.payload.id) ?? []), d]);
    return map;
  };

  beforeAll(async () => {
    postgres = await startTestPostgres();
    sql = new pg.Client({ connectionString: postgres.url });
    await sql.connect();
  });

  afterEach(async () => {
    for (const p of processes.splice(0)) await p.stop("SIGKILL");
    await push?.close();
    // The next case starts from an empty store.
    await sql.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });

  afterAll(async () => {
    await sql?.end();
    await postgres?.stop();
  });

  it("loses and doubles nothing when a process is killed (SIGKILL) in the middle of sending", async () => {
    push = await startTestPushService({ vapidPublicKey: () => vapidKey });
    const first = await start(NOW, 8);
    const { host, sessionId } = await registeredSubscribers(first.httpUrl, 6);
    let requests = 0;
    push.answer = () => {
      requests++;
      if (requests === 3) {
        // The third request reaches the push service; its sender dies before hearing back.
        void first.stop("SIGKILL");
        return "hang";
      }
      return requests < 3 ? 201 : { status: 201, delayMs: 200 };
    };
    expect((await host.patch(`/api/host/sessions/${sessionId}`, { action: "cancel" })).status).toBe(200);
    await first.exited;
    const killedAt = push.deliveries.length;
    const recorded = await sql.query<{ id: string; status: string }>("SELECT id::text, status FROM push_notices ORDER BY id");
    expect(recorded.rows).toHaveLength(6);
    expect(recorded.rows.some((r) => r.status === "sending")).toBe(true);
    const sentBeforeKill = new Set(recorded.rows.filter((r) => r.status === "sent").map((r) => r.id));

    push.answer = () => 201;
    await start(NOW, 8);
    await waitFor("every notice sent", async () => {
      const rows = await sql.query("SELECT 1 FROM push_notices WHERE status <> 'sent'");
      return rows.rows.length === 0;
    }, 60_000);

    const notices = byNotice(push.deliveries);
    // Nothing lost: every notice reached the push service and was accepted.
    expect([...notices.keys()].sort()).toEqual(recorded.rows.map((r) => r.id).sort());
    for (const [id, copies] of notices) {
      expect(copies.some((d) => d.status === 201), `notice ${id} accepted`).toBe(true);
      // Nothing doubled: a notice recorded as sent is never sent again…
      if (sentBeforeKill.has(id)) expect(copies).toHaveLength(1);
      // …and one caught mid-send is repeated under the same Topic (the push service replaces
      // the copy it holds) with the same notice id (the browser's tag replaces a shown one).
      expect(new Set(copies.map((d) => d.topic)).size).toBe(1);
      expect(copies.length).toBeLessThanOrEqual(2);
    }
    const repeated = [...notices.values()].filter((copies) => copies.length > 1);
    expect(repeated.length).toBeGreaterThanOrEqual(1);
    for (const copies of repeated) expect(push.deliveries.indexOf(copies[1]!)).toBeGreaterThanOrEqual(killedAt);
  }, 120_000);

  it("sends a reminder queued before a crash from the restarted process, at the right instant after the clocks changed", async () => {
    push = await startTestPushService({ vapidPublicKey: () => vapidKey });
    const first = await start();
    await registeredSubscribers(first.httpUrl, 1); // Thursday 2 April, 19:00 London (BST) = 18:00 UTC
    await new Agent(first.httpUrl).post("/api/test/clock", { now: "2026-04-02T16:52:00Z" });
    const queued = await waitFor("the reminder queued", async () => {
      const rows = await sql.query<{ id: string; not_before: Date }>("SELECT id::text, not_before FROM push_notices WHERE kind = 'reminder' AND minutes = 60");
      return rows.rows[0];
    });
    expect(queued.not_before.toISOString()).toBe("2026-04-02T17:00:00.000Z");
    await first.stop("SIGKILL");
    expect(push.deliveries).toEqual([]);

    const second = await start("2026-04-02T16:59:57Z");
    const clock = async () => new Date((await new Agent(second.httpUrl).get<{ now: string }>("/api/test/clock")).body.now).getTime();
    const startedAt = await clock();
    if (startedAt < Date.parse("2026-04-02T17:00:00Z")) expect(push.deliveries).toEqual([]);
    const delivery = await push.next((d) => d.payload.kind === "reminder", 20_000);
    const sentAt = await clock();
    expect(sentAt).toBeGreaterThanOrEqual(Date.parse("2026-04-02T17:00:00Z"));
    // Polled every 50 ms; the slack is for a loaded test machine. The wrong offset would be an hour out.
    expect(sentAt).toBeLessThan(Date.parse("2026-04-02T17:00:30Z"));
    expect(delivery.payload).toMatchObject({ id: queued.id, body: "Your circle starts in 1 hour.", start: "2026-04-02T18:00:00.000Z" });
  }, 120_000);

  it("sends each notice exactly once with two processes at work", async () => {
    push = await startTestPushService({ vapidPublicKey: () => vapidKey });
    const [a] = [await start(), await start()];
    const { host, sessionId } = await registeredSubscribers(a!.httpUrl, 40);
    push.answer = () => ({ status: 201, delayMs: 300 });
    expect((await host.patch(`/api/host/sessions/${sessionId}`, { action: "cancel" })).status).toBe(200);
    await waitFor("40 notices sent", async () => {
      const rows = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM push_notices WHERE status = 'sent'");
      return rows.rows[0]!.n === 40;
    }, 30_000).catch(async (error: Error) => {
      const states = await sql.query("SELECT status, attempts, last_status, count(*)::int AS n FROM push_notices GROUP BY 1, 2, 3");
      throw new Error(`${error.message} ${JSON.stringify(states.rows)} rejected: ${push.rejected.slice(0, 3).join("; ")}`);
    });
    const notices = byNotice(push.deliveries);
    expect(notices.size).toBe(40);
    for (const copies of notices.values()) expect(copies).toHaveLength(1);
    const owners = await sql.query<{ lease_owner: string }>("SELECT DISTINCT lease_owner FROM push_notices");
    expect(owners.rows).toHaveLength(2);
  }, 120_000);
});
