/**
 * The deployment's public address, base of every absolute link (calendar files, invitation and
 * invite links) and the domain in calendar UIDs. It comes from PUBLIC_URL, or else from the first
 * host's setup request (its Origin), kept in the store. It is never taken from an ordinary
 * request's Host header, which anyone can set: without an address, absolute links are refused.
 */
import type { Request } from "express";
import type { ScheduleServices } from "../services.ts";
import { one, type Queryable } from "../store/db.ts";
import { HttpError } from "./http-errors.ts";

const SETTING = "public_url";
const remembered = new WeakMap<ScheduleServices, string>();

/** "https://hearth.example.org" (no trailing slash), or a 503 saying how to set it. */
export async function publicBase(services: ScheduleServices): Promise<string> {
  if (services.publicUrl) return services.publicUrl.replace(/\/+$/, "");
  const cached = remembered.get(services);
  if (cached) return cached;
  const row = await one<{ value: string }>(services.db, "SELECT value FROM deployment_settings WHERE name = $1", [SETTING]);
  if (!row) {
    throw new HttpError(503, "This Hearth does not know its public address yet, so it cannot make links: set PUBLIC_URL, or finish first-run setup at /setup.");
  }
  remembered.set(services, row.value);
  return row.value;
}

/** The host name of the public address, for calendar UIDs ("…@hearth.example.org"). */
export async function publicDomain(services: ScheduleServices): Promise<string> {
  return new URL(await publicBase(services)).hostname;
}

/** The origin a setup request came from, when it is a plain http(s) origin. */
function setupOrigin(req: Request): string | undefined {
  const origin = req.get("origin");
  const candidate = origin && origin !== "null" ? origin : `${req.protocol}://${req.get("host") ?? ""}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * First-run setup (inside its transaction): without PUBLIC_URL, the address the first host set
 * Hearth up from becomes its public address. Kept once; later requests never change it.
 */
export async function rememberSetupAddress(tx: Queryable, services: ScheduleServices, req: Request, now: Date): Promise<void> {
  if (services.publicUrl) return;
  const origin = setupOrigin(req);
  if (!origin) return;
  await tx.query("INSERT INTO deployment_settings (name, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING", [SETTING, origin, now]);
}
