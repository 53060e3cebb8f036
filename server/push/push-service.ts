import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import { log } from "../log.ts";
import type { Db } from "../store/db.ts";
import { type EndpointPolicy, parseHosts } from "./endpoint-policy.ts";
import { type PushSender, webPushSender } from "./sender.ts";
import { loadVapidKeys, type VapidKeys } from "./vapid.ts";
import { PushWorker } from "./worker.ts";

/** What the push API needs. */
export interface PushServices {
  vapid: VapidKeys;
  policy: EndpointPolicy;
}

export interface Push {
  services: PushServices;
  worker: PushWorker;
  stop(): Promise<void>;
}

type PushConfig = Pick<
  Config,
  | "PUSH"
  | "VAPID_PUBLIC_KEY"
  | "VAPID_PRIVATE_KEY"
  | "VAPID_SUBJECT"
  | "PUBLIC_URL"
  | "PUSH_ENDPOINT_HOSTS"
  | "PUSH_ALLOW_LOCAL_ENDPOINTS"
  | "PUSH_POLL_SECONDS"
  | "PUSH_LEASE_SECONDS"
>;

export function endpointPolicyFrom(config: Pick<Config, "PUSH_ENDPOINT_HOSTS" | "PUSH_ALLOW_LOCAL_ENDPOINTS">): EndpointPolicy {
  return {
    hosts: parseHosts(config.PUSH_ENDPOINT_HOSTS),
    allowLoopback: process.env.NODE_ENV === "test" || config.PUSH_ALLOW_LOCAL_ENDPOINTS === "1",
  };
}

/**
 * Loads (or makes) the VAPID keys and starts this process's push worker. With PUSH=off, nothing.
 * Every process of a deployment may run a worker: claims keep each notice to one of them.
 */
export async function startPush(config: PushConfig, db: Db, clock: Clock, sender?: PushSender): Promise<Push | undefined> {
  if (config.PUSH === "off") return undefined;
  const vapid = await loadVapidKeys(db, config, clock.now());
  const leaseMs = config.PUSH_LEASE_SECONDS * 1000;
  const worker = new PushWorker({
    db,
    clock,
    // A send gives up well before its lease ends, so no other process takes a notice still in flight.
    sender: sender ?? webPushSender(vapid, Math.min(15_000, leaseMs / 2)),
    leaseMs,
    pollMs: config.PUSH_POLL_SECONDS * 1000,
  });
  worker.start();
  log.info({ owner: worker.owner }, "push worker started");
  return { services: { vapid, policy: endpointPolicyFrom(config) }, worker, stop: () => worker.stop() };
}
