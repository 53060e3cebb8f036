import { createHash } from "node:crypto";
import webpush from "web-push";
import type { PushPayload } from "../../shared/push.ts";
import type { StoredSubscription } from "./subscriptions-store.ts";
import type { VapidKeys } from "./vapid.ts";

export type SendResult =
  | { kind: "delivered"; status: number }
  /** 404/410: the push service says this subscription is gone for good. */
  | { kind: "gone"; status: number }
  /** 429, 5xx, a timeout or a network error: worth trying again later. */
  | { kind: "transient"; status: number | null; retryAfterMs?: number }
  /** Any other refusal (400, 401, 403, 413…): trying again would not help. */
  | { kind: "refused"; status: number };

export interface PushMessage {
  subscription: StoredSubscription;
  payload: PushPayload;
  idempotencyKey: string;
  /** Seconds the push service may hold the message for an offline browser. */
  ttlSeconds: number;
}

/** Sends one encrypted push message; the seam the worker uses (tests run a real push service). */
export type PushSender = (message: PushMessage) => Promise<SendResult>;

/** The Web Push Topic for a notice: the same on every attempt, so a push service replaces rather than doubles. */
export function topicFor(idempotencyKey: string): string {
  return createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 32);
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Web Push with VAPID through the `web-push` package: it encrypts the payload (aes128gcm, RFC 8291)
 * and signs the VAPID JWT; the request itself goes out with fetch, so its timeout is ours.
 */
export function webPushSender(vapid: VapidKeys, timeoutMs = 15_000): PushSender {
  return async ({ subscription, payload, idempotencyKey, ttlSeconds }) => {
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: vapid,
        TTL: Math.max(0, Math.round(ttlSeconds)),
        contentEncoding: "aes128gcm",
        urgency: payload.kind === "reminder" ? "high" : "normal",
        topic: topicFor(idempotencyKey),
      },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) headers[name] = String(value);
    delete headers["Content-Length"];
    let response: Response;
    try {
      response = await fetch(details.endpoint, {
        method: "POST",
        headers,
        body: details.body ? new Uint8Array(details.body) : undefined,
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      return { kind: "transient", status: null };
    }
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: "delivered", status };
    if (status === 404 || status === 410) return { kind: "gone", status };
    if (status === 429 || status >= 500) return { kind: "transient", status, retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
    return { kind: "refused", status };
  };
}
