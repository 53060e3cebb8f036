import http from "node:http";
import express from "express";
import { expect } from "vitest";
import { SignInLimiter } from "../../../server/accounts/sign-in-limiter.ts";
import { memoryCatalog } from "../../../server/circles/catalog.ts";
import { type ControllableClock, fixedClock } from "../../../server/clock.ts";
import { apiRouter } from "../../../server/http/api.ts";
import { endpointPolicyFrom } from "../../../server/push/push-service.ts";
import { webPushSender } from "../../../server/push/sender.ts";
import { loadVapidKeys, type VapidKeys } from "../../../server/push/vapid.ts";
import { PushWorker } from "../../../server/push/worker.ts";
import type { Db } from "../../../server/store/db.ts";
import { openStore } from "../../../server/store/open-store.ts";
import { newParticipantKey } from "../../../shared/participant-key.ts";
import type { RegistrationResponse } from "../../../shared/scheduling-api.ts";
import type { BrowserSubscription } from "../../support/push-service.ts";
import { Agent } from "./schedule-api.ts";

export interface PushApi {
  url: string;
  db: Db;
  clock: ControllableClock;
  vapid: VapidKeys;
  /** Sends through real Web Push (web-push) on the test clock; ticked by the test. */
  worker: PushWorker;
  host: Agent;
  anyone: Agent;
  close(): Promise<void>;
}

/** The HTTP API with push on, over a given store, a clock that moves only when told, and a signed-in host. */
export async function startPushApi(store: { databaseUrl?: string; dataDir: string }, now: Date): Promise<PushApi> {
  const db = await openStore(store);
  const clock = fixedClock(now);
  const vapid = await loadVapidKeys(db, {}, now);
  const push = { vapid, policy: endpointPolicyFrom({ PUSH_ENDPOINT_HOSTS: undefined, PUSH_ALLOW_LOCAL_ENDPOINTS: "0" }) };
  const app = express();
  app.use("/api", apiRouter(memoryCatalog([]), { db, clock, signInLimiter: new SignInLimiter(clock), push }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const host = new Agent(url);
  const setup = await host.post("/api/setup", { email: "host@example.org", password: "a long host password", displayName: "Robin (host)" });
  expect(setup.status).toBe(201);
  const worker = new PushWorker({ db, clock, sender: webPushSender(vapid, 5_000), leaseMs: 10_000 });
  return {
    url,
    db,
    clock,
    vapid,
    worker,
    host,
    anyone: new Agent(url),
    async close() {
      await worker.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}

export const WEEKLY = { repeat: "weekly", startTime: "19:00", timeZone: "Europe/London", durationMinutes: 90, lobbyOpenMinutes: 15 };

export async function circleWithSeries(api: PushApi, capacity: number, series: Record<string, unknown>): Promise<{ circleId: string; upcoming: { id: string; start: string }[] }> {
  const circle = await api.host.post<{ circle: { id: string } }>("/api/host/circles", {
    title: "Grief after a long illness",
    description: "A circle for carers.",
    topicTags: ["grief"],
    language: "en",
    agreements: "What is said here stays here.",
    capacity,
    visibility: "public",
  });
  expect(circle.status).toBe(201);
  const created = await api.host.post<{ upcoming: { id: string; start: string }[] }>(`/api/host/circles/${circle.body.circle.id}/series`, series);
  expect(created.status).toBe(201);
  return { circleId: circle.body.circle.id, upcoming: created.body.upcoming };
}

export interface Participant {
  key: string;
  headers: Record<string, string>;
}

export function participant(): Participant {
  const key = newParticipantKey();
  return { key, headers: { "x-participant-key": key } };
}

export async function register(api: PushApi, who: Participant, sessionId: string, pseudonym: string): Promise<RegistrationResponse> {
  const reply = await api.anyone.post<RegistrationResponse>(`/api/sessions/${sessionId}/registrations`, { pseudonym }, who.headers);
  expect([200, 201]).toContain(reply.status);
  return reply.body;
}

export async function allowNotifications(api: PushApi, who: Participant, subscription: BrowserSubscription): Promise<string> {
  const reply = await api.anyone.post<{ subscription: { id: string } }>("/api/push/subscriptions", subscription.toJSON(), who.headers);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.subscription.id;
}
