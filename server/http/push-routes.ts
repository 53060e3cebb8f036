import { createECDH } from "node:crypto";
import { Router } from "express";
import {
  type PushPreferences,
  pushPreferencesInputSchema,
  type PushPublicKeyResponse,
  pushSubscriptionInputSchema,
  pushUnsubscribeInputSchema,
  type PushSubscriptionResponse,
} from "../../shared/push.ts";
import { endpointProblem } from "../push/endpoint-policy.ts";
import {
  deleteSubscription,
  deleteSubscriptionAt,
  forgetPush,
  preferencesOf,
  savePreferences,
  saveSubscription,
  subscriptionsOf,
} from "../push/subscriptions-store.ts";
import type { ScheduleServices } from "../services.ts";
import { HttpError, param, validate } from "./http-errors.ts";
import { keyHashOf } from "./participant-routes.ts";

const CHECK_FIELDS = "Please check the highlighted fields.";

/** True when `p256dh` is a point on P-256, so encrypting to it can work. */
function isCurvePoint(p256dh: string): boolean {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, "base64url"));
    return true;
  } catch {
    return false;
  }
}

/**
 * /api/push: the VAPID public key, a participant key's push subscriptions and reminder choices.
 * Subscriptions are tied to the key's hash only. With PUSH=off every route answers 404.
 */
export function pushRouter(services: ScheduleServices): Router {
  const { db, clock } = services;
  const router = Router();

  router.use((_req, _res, next) => {
    if (!services.push) throw new HttpError(404, "Notifications are turned off on this server.");
    next();
  });
  const push = () => services.push!;

  router.get("/vapid-public-key", (_req, res) => {
    const body: PushPublicKeyResponse = { publicKey: push().vapid.publicKey };
    res.json(body);
  });

  router.post("/subscriptions", async (req, res) => {
    const input = validate(pushSubscriptionInputSchema, req.body);
    const keyHash = keyHashOf(req);
    const problem = endpointProblem(input.endpoint, push().policy);
    if (problem) throw new HttpError(400, CHECK_FIELDS, { endpoint: problem });
    if (!isCurvePoint(input.keys.p256dh)) throw new HttpError(400, CHECK_FIELDS, { "keys.p256dh": "keys.p256dh is not a P-256 public key." });
    const now = clock.now();
    const expiresAt = input.expirationTime ? new Date(input.expirationTime) : null;
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) {
      throw new HttpError(400, CHECK_FIELDS, { expirationTime: "This subscription has already expired." });
    }
    const saved = await saveSubscription(db, keyHash, { endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, expiresAt }, now);
    const body: PushSubscriptionResponse = { subscription: saved.subscription };
    res.status(saved.created ? 201 : 200).json(body);
  });

  router.get("/subscriptions", async (req, res) => {
    res.json({ subscriptions: await subscriptionsOf(db, keyHashOf(req)) });
  });

  router.delete("/subscriptions/:id", async (req, res) => {
    const deleted = await deleteSubscription(db, keyHashOf(req), param(req, "id"));
    if (!deleted) throw new HttpError(404, "You have no notification subscription with this id.");
    res.status(204).end();
  });

  /** With an endpoint (body or query): that browser's subscription. Without: every one of the key's, and its reminder choices. */
  router.delete("/subscriptions", async (req, res) => {
    const input = validate(pushUnsubscribeInputSchema, { ...(req.body ?? {}), ...(typeof req.query.endpoint === "string" ? { endpoint: req.query.endpoint } : {}) });
    const keyHash = keyHashOf(req);
    if (input.endpoint === undefined) {
      res.json({ deleted: await forgetPush(db, keyHash) });
      return;
    }
    const deleted = await deleteSubscriptionAt(db, keyHash, input.endpoint);
    if (!deleted) throw new HttpError(404, "You have no notification subscription for this endpoint.");
    res.json({ deleted: { subscriptions: 1 } });
  });

  router.get("/preferences", async (req, res) => {
    const body: PushPreferences = await preferencesOf(db, keyHashOf(req));
    res.json(body);
  });

  router.put("/preferences", async (req, res) => {
    const input = validate(pushPreferencesInputSchema, req.body);
    const body: PushPreferences = await savePreferences(db, keyHashOf(req), { reminderMinutes: input.reminderMinutes }, clock.now());
    res.json(body);
  });

  return router;
}
