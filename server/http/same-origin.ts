import type { IncomingHttpHeaders } from "node:http";

/** How Hearth knows its own origin: the request's Host (and, behind a trusted proxy, its forwarded scheme and host). */
export interface OriginPolicy {
  /** TRUST_PROXY is set: X-Forwarded-Proto / X-Forwarded-Host say how the browser reached us. */
  trustProxy?: boolean;
  /** PUBLIC_URL: its origin is always our own. */
  publicUrl?: string;
}

/**
 * Whether `source` (an Origin or Referer header) names this very origin: same scheme, host and
 * port. `self` is scheme://host[:port] of the request; URL parsing lower-cases the host and drops
 * a scheme's default port, so `https://Hearth.example:443` equals `https://hearth.example`.
 */
export function isOwnOrigin(source: string, self: string | undefined, publicUrl?: string): boolean {
  const origin = originOf(source);
  if (!origin || origin === "null") return false;
  if (publicUrl && origin === originOf(publicUrl)) return true;
  return self !== undefined && origin === originOf(self);
}

/** scheme://host[:port] of a raw upgrade (or any) request, from its headers alone. */
export function requestOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): string | undefined {
  const forwarded = (name: string) => (policy.trustProxy ? firstValue(headers[name]) : undefined);
  const scheme = forwarded("x-forwarded-proto") ?? "http"; // Hearth itself serves plain HTTP
  const host = forwarded("x-forwarded-host") ?? headers.host;
  return host ? `${scheme}://${host}` : undefined;
}

/**
 * A browser always sends Origin on a WebSocket upgrade: a page of another origin (another port
 * included) must not ride on our cookie. Non-browser clients send none and carry no cookie of ours.
 */
export function upgradeFromOwnOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  return isOwnOrigin(origin, requestOrigin(headers, policy), policy.publicUrl);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
  return first || undefined;
}
