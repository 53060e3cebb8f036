import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import http from "node:http";

/**
 * The push-service side of Web Push, for tests: an HTTP server that takes what a push service
 * takes, checks it as one would (VAPID JWT signed ES256 by the key the subscription was made
 * for, aes128gcm body) and decrypts the message with the subscription's private keys, as the
 * browser would (RFC 8291 / RFC 8188, written here with node:crypto, independent of web-push).
 */

export interface BrowserSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** As a browser's PushSubscription.toJSON() gives it. */
  toJSON(): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export interface Delivery {
  subscriptionId: string;
  /** The decrypted payload, parsed. */
  payload: { id: string; kind: string; title: string; body: string; url: string; start?: string } & Record<string, unknown>;
  topic: string | null;
  ttl: number;
  urgency: string | null;
  /** The VAPID key in the Authorization header's k=. */
  vapidKey: string;
  jwt: { aud: string; exp: number; sub: string };
  /** What the test push service answered. */
  status: number;
}

/** What to answer a request: a status, a status after a delay, or "hang" (never answer: the sender times out or dies). */
export type Answer = number | { status: number; delayMs: number } | "hang";

export interface TestPushService {
  url: string;
  deliveries: Delivery[];
  /** Requests that failed a check (bad VAPID, undecryptable body): the reason. */
  rejected: string[];
  /** Called for every well-formed request after it is decrypted; default 201. */
  answer: (delivery: Omit<Delivery, "status">) => Answer;
  /** A new browser-side subscription on this service. */
  subscribe(): BrowserSubscription;
  /** Resolves with the next delivery that matches. */
  next(match?: (d: Delivery) => boolean, timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

interface BrowserKeys {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
}

function b64u(buffer: Buffer): string {
  return buffer.toString("base64url");
}

/** Verifies `vapid t=<jwt>, k=<key>` (RFC 8292): ES256 over header.payload with the key in k. */
function checkVapid(header: string | undefined, audience: string, now: number): { key: string; claims: Delivery["jwt"] } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!m) throw new Error(`Authorization is not "vapid t=…, k=…": ${header}`);
  const [, token, key] = m as unknown as [string, string, string];
  const [h, p, s] = token.split(".");
  if (!h || !p || !s) throw new Error("the VAPID token is not a JWT");
  const jwtHeader = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string; typ?: string };
  if (jwtHeader.alg !== "ES256") throw new Error(`the VAPID JWT is signed with ${jwtHeader.alg}, not ES256`);
  const point = Buffer.from(key, "base64url");
  if (point.length !== 65 || point[0] !== 4) throw new Error("k= is not an uncompressed P-256 point");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
    format: "jwk",
  });
  const signed = verify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  if (!signed) throw new Error("the VAPID JWT signature does not verify");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Delivery["jwt"];
  if (claims.aud !== audience) throw new Error(`the VAPID aud is ${claims.aud}, not ${audience}`);
  if (!(claims.exp > now / 1000) || claims.exp > now / 1000 + 24 * 3600) throw new Error("the VAPID exp is not within 24 hours");
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error("the VAPID sub is not mailto: or https:");
  return { key, claims };
}

/** Decrypts an aes128gcm Web Push message (RFC 8291) with the browser's keys. */
export function decryptPush(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error("the keyid is not the sender's P-256 public key");
  if (records.length > rs) throw new Error("more than one record: a push message fits in one");
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("the last record does not end with the 0x02 delimiter");
  return padded.subarray(0, end).toString("utf8");
}

export async function startTestPushService(options: { vapidPublicKey?: () => string | undefined } = {}): Promise<TestPushService> {
  const browsers = new Map<string, BrowserKeys>();
  const waiters: { match: (d: Delivery) => boolean; resolve: (d: Delivery) => void }[] = [];
  const open = new Set<http.ServerResponse>();
  const service: TestPushService = {
    url: "",
    deliveries: [],
    rejected: [],
    answer: () => 201,
    subscribe() {
      const id = randomBytes(9).toString("base64url");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      browsers.set(id, { ecdh, auth });
      const keys = { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) };
      const endpoint = `${service.url}/push/${id}`;
      return { id, endpoint, keys, toJSON: () => ({ endpoint, expirationTime: null, keys }) };
    },
    next(match = () => true, timeoutMs = 10_000) {
      const found = service.deliveries.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no matching push delivery in time")), timeoutMs);
        waiters.push({ match, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "")?.[1];
      const keys = id && browsers.get(id);
      if (req.method !== "POST" || !id || !keys) {
        res.writeHead(404).end();
        return;
      }
      let delivery: Omit<Delivery, "status">;
      try {
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`Content-Encoding is ${req.headers["content-encoding"]}`);
        const ttl = Number(req.headers.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new Error("no TTL header");
        const { key, claims } = checkVapid(req.headers.authorization, service.url, Date.now());
        const expected = options.vapidPublicKey?.();
        if (expected && key !== expected) throw new Error("signed by another VAPID key than the subscription's");
        const payload = JSON.parse(decryptPush(Buffer.concat(chunks), keys)) as Delivery["payload"];
        const topic = (req.headers.topic as string | undefined) ?? null;
        delivery = { subscriptionId: id, payload, topic, ttl, urgency: (req.headers.urgency as string | undefined) ?? null, vapidKey: key, jwt: claims };
      } catch (error) {
        service.rejected.push((error as Error).message);
        res.writeHead(400).end();
        return;
      }
      const answer = service.answer(delivery);
      if (answer === "hang") {
        open.add(res);
        service.deliveries.push({ ...delivery, status: 0 });
      } else if (typeof answer === "number") {
        res.writeHead(answer).end();
        service.deliveries.push({ ...delivery, status: answer });
      } else {
        setTimeout(() => res.writeHead(answer.status).end(), answer.delayMs);
        service.deliveries.push({ ...delivery, status: answer.status });
      }
      const received = service.deliveries[service.deliveries.length - 1]!;
      for (const w of [...waiters]) {
        if (w.match(received)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(received);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  service.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return service;
}
