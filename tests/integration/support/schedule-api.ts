import http from "node:http";
import express from "express";
import { SignInLimiter } from "../../../server/accounts/sign-in-limiter.ts";
import { memoryCatalog } from "../../../server/circles/catalog.ts";
import { type ControllableClock, fixedClock } from "../../../server/clock.ts";
import { apiRouter } from "../../../server/http/api.ts";
import type { Db } from "../../../server/store/db.ts";
import { openStore } from "../../../server/store/open-store.ts";

export interface ScheduleApi {
  url: string;
  db: Db;
  clock: ControllableClock;
  close(): Promise<void>;
}

/** The HTTP API alone (no Colyseus) over a given store, with a clock that moves only when told. */
export async function startScheduleApi(store: { databaseUrl?: string; dataDir: string }, now: Date, options: { publicUrl?: string; clock?: ControllableClock } = {}): Promise<ScheduleApi> {
  const db = await openStore(store);
  const clock = options.clock ?? fixedClock(now);
  const app = express();
  app.set("trust proxy", "loopback"); // lets a test vary the client address with X-Forwarded-For
  app.use("/api", apiRouter(memoryCatalog([]), { db, clock, signInLimiter: new SignInLimiter(clock), publicUrl: options.publicUrl }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    clock,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A small HTTP client that keeps its session cookie and CSRF token like the web client does. */
export class Agent {
  cookie = "";
  csrf = "";
  constructor(
    private readonly base: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...this.defaults,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== "GET" ? { "x-csrf-token": this.csrf } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0]!;
      this.cookie = pair.endsWith("=") ? "" : pair;
    }
    const text = await res.text();
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = {};
    }
    const reply = { status: res.status, body: parsed as T, headers: res.headers, text };
    const csrf = (parsed as { csrfToken?: unknown }).csrfToken;
    if (typeof csrf === "string") this.csrf = csrf;
    return reply;
  }

  get = <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => this.request<T>("GET", path, undefined, headers);
  post = <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>("POST", path, body ?? {}, headers);
  patch = <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>("PATCH", path, body ?? {}, headers);
  delete = <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => this.request<T>("DELETE", path, undefined, headers);
}
