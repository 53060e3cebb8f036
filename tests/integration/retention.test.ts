import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymiseEndedSessions } from "../../server/safety/retention.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import type { HostSession, MyRegistrationsResponse, RegistrationResponse } from "../../shared/scheduling-api.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "./support/schedule-api.ts";

/** A one-off session on 5 March 2026, 19:00–20:30 London. */
const END = new Date("2026-03-05T20:30:00Z");

let api: ScheduleApi;
let host: Agent;
let circleId = "";
let sessionId = "";
const keys = [newParticipantKey(), newParticipantKey(), newParticipantKey()];

beforeAll(async () => {
  api = await startScheduleApi({ dataDir: ":memory:" }, new Date("2026-03-02T12:00:00Z"));
  host = new Agent(api.url);
  await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" });
  const circle = await host.post<{ circle: { id: string } }>("/api/host/circles", { title: "Evening circle", language: "en", capacity: 2, visibility: "public" });
  circleId = circle.body.circle.id;
  const series = await host.post<{ upcoming: { id: string }[] }>(`/api/host/circles/${circleId}/series`, {
    repeat: "once", startDate: "2026-03-05", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15,
  });
  sessionId = series.body.upcoming[0]!.id;
  const anyone = new Agent(api.url);
  for (const [i, pseudonym] of ["Quiet Otter", "Steady Heron", "Gentle Oak"].entries()) {
    const reply = await anyone.post<RegistrationResponse>(`/api/sessions/${sessionId}/registrations`, { pseudonym }, { "x-participant-key": keys[i]! });
    expect(reply.status).toBe(201);
  }
});
afterAll(() => api?.close());

const storedPseudonyms = async () =>
  (await api.db.query<{ pseudonym: string }>("SELECT pseudonym FROM registrations ORDER BY pseudonym")).map((r) => r.pseudonym);
const counts = async () =>
  (await host.get<{ sessions: HostSession[] }>(`/api/host/circles/${circleId}/sessions`)).body.sessions.find((s) => s.id === sessionId)?.counts;

describe("data retention", () => {
  it("keeps everything while the session has not ended", async () => {
    expect(await anonymiseEndedSessions(api.db, new Date(END.getTime() - 1))).toBe(0);
    expect(await storedPseudonyms()).toEqual(["Gentle Oak", "Quiet Otter", "Steady Heron"]);
  });

  it("keeps only counts once it has ended: no pseudonym, no key, the same attendance figures", async () => {
    const before = await counts();
    expect(before).toEqual({ registered: 2, waitlisted: 1, cancelled: 0 });
    expect(await anonymiseEndedSessions(api.db, END)).toBe(3);
    expect(await storedPseudonyms()).toEqual(["", "", ""]);
    const hashes = await api.db.query<{ participant_key_hash: string }>("SELECT participant_key_hash FROM registrations");
    expect(hashes.every((r) => r.participant_key_hash.startsWith("ended:"))).toBe(true);
    expect(await counts()).toEqual(before);
    const mine = await new Agent(api.url).get<MyRegistrationsResponse>("/api/me/registrations", { "x-participant-key": keys[0]! });
    expect(mine.body.registrations).toEqual([]);
    expect(await anonymiseEndedSessions(api.db, END)).toBe(0); // once is enough
  });
});
