import { isIP } from "node:net";

/** The push services of Chrome/Edge/Brave (FCM), Firefox, Windows and Safari. */
export const DEFAULT_PUSH_HOSTS = ["fcm.googleapis.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com"];

export interface EndpointPolicy {
  /** Host names (a host or any host under it); "*" for any public https host. */
  hosts: string[] | "*";
  /** Test deployments only: http(s) endpoints on this machine (a local push service). */
  allowLoopback: boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Why this endpoint is refused, or undefined when Hearth may send to it. The server POSTs to the
 * endpoint it is given, so only real push services are allowed: never an address inside a network.
 */
export function endpointProblem(endpoint: string, policy: EndpointPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "The endpoint must be the push service's URL.";
  }
  if (url.username || url.password) return "The endpoint must not carry a user name or password.";
  if (policy.allowLoopback && LOOPBACK.has(url.hostname) && (url.protocol === "http:" || url.protocol === "https:")) return undefined;
  if (url.protocol !== "https:") return "The endpoint must be an https:// URL of a push service.";
  if (url.port && url.port !== "443") return "The endpoint must use the push service's standard port.";
  const host = url.hostname.toLowerCase();
  if (isIP(host.replace(/^\[|\]$/g, "")) || !host.includes(".") || host.endsWith(".local") || host.endsWith(".internal") || host === "localhost") {
    return "The endpoint must be a push service on the internet.";
  }
  if (policy.hosts === "*") return undefined;
  const known = policy.hosts.some((h) => host === h || host.endsWith(`.${h}`));
  return known ? undefined : "This server does not send to that push service.";
}

/** PUSH_ENDPOINT_HOSTS: "*" or a comma-separated list; unset, the well-known push services. */
export function parseHosts(value: string | undefined): string[] | "*" {
  if (!value) return DEFAULT_PUSH_HOSTS;
  if (value.trim() === "*") return "*";
  return value
    .split(",")
    .map((h) => h.trim().toLowerCase().replace(/^\.+/, ""))
    .filter(Boolean);
}
