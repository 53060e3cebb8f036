import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { log } from "../../server/log.ts";
import { Agent, type ScheduleApi, startScheduleApi } from "./support/schedule-api.ts";

let api: ScheduleApi;
let host: Agent;
let anyone: Agent;
const logged: unknown[] = [];

beforeAll(async () => {
  api = await startScheduleApi({ dataDir: ":memory:" }, new Date("2026-03-02T12:00:00Z"));
  for (const level of ["error", "warn"] as const) vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => void logged.push(args)) as never);
  host = new Agent(api.url);
  anyone = new Agent(api.url);
  expect((await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin" })).status).toBe(201);
});
afterAll(() => api?.close());

describe("when a text field or the address holds a control character", () => {
  it("answers 400 naming the field to a NUL byte in a sign-in email, and logs no stack", async () => {
    const reply = await anyone.post("/api/auth/sign-in", { email: "host@example.org\u0000", password: "a long host password" });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ fields: { email: expect.stringMatching(/control characters/i) } });
    expect(JSON.stringify(logged)).not.toMatch(/stack|at .*\.ts/);
  });

  it("answers 400 to a NUL byte in a circle title, and creates nothing", async () => {
    const reply = await host.post("/api/host/circles", { title: "Evening\u0000circle", language: "en", capacity: 8, visibility: "public" });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ fields: { title: expect.any(String) } });
    expect(((await host.get<{ circles: unknown[] }>("/api/host/circles")).body.circles ?? []).length).toBe(0);
  });

  it("answers 400 to a control character in a route parameter or a query", async () => {
    expect((await anyone.get("/api/sessions/abc%00def")).status).toBe(400);
    expect((await anyone.get("/api/sessions?topic=grief%07")).status).toBe(400);
    expect((await anyone.get("/api/sessions/%E0%A4%A")).status).toBe(400);
    expect(JSON.stringify(logged)).not.toMatch(/stack/);
  });
});

describe("when a body or query has a field the API does not know", () => {
  it("answers 400 naming the field", async () => {
    const reply = await anyone.post("/api/auth/sign-in", { email: "host@example.org", password: "a long host password", isAdmin: true });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: expect.stringMatching(/isAdmin/), fields: { isAdmin: expect.stringMatching(/not a field/) } });
    const query = await anyone.get("/api/sessions?days=7&role=host");
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ fields: { role: expect.any(String) } });
  });
});

describe("when a body is larger than the limit", () => {
  it("answers 413 with a JSON error", async () => {
    const reply = await anyone.post("/api/auth/sign-in", { email: "x@example.org", password: "p".repeat(64 * 1024) });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ error: expect.stringMatching(/too large/) });
  });
});
