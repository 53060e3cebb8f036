import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, runMigrations } from "../../server/store/migrations.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import type { MyRegistrationsResponse, SessionResponse } from "../../shared/scheduling-api.ts";
import { Agent, startScheduleApi } from "./support/schedule-api.ts";

const NOW = new Date("2026-03-02T12:00:00Z");
const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-durable-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("when the server stops and starts again on the same data folder", () => {
  it("keeps accounts, circles, schedules, exceptions and registrations", async () => {
    const key = newParticipantKey();
    const first = await startScheduleApi({ dataDir }, NOW);
    const host = new Agent(first.url);
    await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" });
    const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", { title: "Durable", language: "en", capacity: 4, visibility: "public" });
    const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, {
      repeat: "weekly", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 60, lobbyOpenMinutes: 10,
    });
    const [session, cancelled] = series.body.upcoming;
    await host.patch(`/api/host/sessions/${cancelled!.id}`, { action: "cancel" });
    const registered = await new Agent(first.url).post(`/api/sessions/${session!.id}/registrations`, { pseudonym: "Still Here" }, { "x-participant-key": key });
    expect(registered.status).toBe(201);
    await first.close();

    const second = await startScheduleApi({ dataDir }, NOW);
    try {
      expect(await runMigrations(second.db)).toEqual([]); // nothing to apply twice
      const anyone = new Agent(second.url);
      expect((await anyone.get("/api/setup")).body).toEqual({ needed: false });
      const signIn = await anyone.post("/api/auth/sign-in", { email: "host@example.org", password: "a long host password" });
      expect(signIn.status).toBe(200);
      // The old session cookie still works too: sessions are stored, not kept in memory.
      const again = new Agent(second.url);
      again.cookie = host.cookie;
      expect((await again.get("/api/auth/me")).body).toMatchObject({ account: { email: "host@example.org" } });

      expect((await anyone.get<SessionResponse>(`/api/sessions/${cancelled!.id}`)).body.session.status).toBe("cancelled");
      const mine = await anyone.get<MyRegistrationsResponse>("/api/me/registrations", { "x-participant-key": key });
      expect(mine.body.registrations).toMatchObject([{ pseudonym: "Still Here", status: "registered", session: { id: session!.id } }]);
      const versions = await second.db.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      // Every migration ran once, at the first start; the restart applied none again.
      expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    } finally {
      await second.close();
    }
  });
});
