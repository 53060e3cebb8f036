import type { RequestHandler } from "express";
import helmet from "helmet";

export interface SecurityHeaderOptions {
  /** The LiveKit address browsers connect to (its ws(s):// and http(s):// forms are allowed). */
  liveKitPublicUrl?: string;
  /** PUBLIC_URL: with https, every response asks for HTTPS from now on (HSTS). */
  publicUrl?: string;
  /** TRUST_PROXY: a request the proxy says came over HTTPS gets HSTS too. */
  trustProxy?: boolean;
  /** More origins the page may connect to (CSP_CONNECT_SRC), e.g. other Hearth processes' hosts. */
  extraConnectSrc?: string[];
}

const HSTS = "max-age=31536000; includeSubDomains";
/**
 * Only the microphone (voice) and WebXR's tracking, and only for Hearth's own origin; every other
 * powerful feature is off for the page and anything it might embed.
 */
export const PERMISSIONS_POLICY = [
  "microphone=(self)",
  "xr-spatial-tracking=(self)",
  "camera=()",
  "geolocation=()",
  "display-capture=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "bluetooth=()",
  "midi=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
  "browsing-topics=()",
].join(", ");

/**
 * The Content-Security-Policy directives. Scripts only from Hearth's own origin (Vite's build
 * emits module scripts and modulepreload links, nothing inline); workers also from blob: URLs
 * (audio worklets and library workers); connections to Hearth (its WebSocket included) and LiveKit;
 * media from LiveKit's streams. Styles allow inline: React and IWER's panel set them at runtime.
 */
export function cspDirectives(options: SecurityHeaderOptions): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    // WebAssembly compiles (yoga, the VR panels' layout engine), no JS eval: 'wasm-unsafe-eval' allows nothing else.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    // data: is read, never sent: yoga loads its WebAssembly from a data: URL.
    "connect-src": ["'self'", "blob:", "data:", ...liveKitSources(options.liveKitPublicUrl), ...(options.extraConnectSrc ?? [])],
    "media-src": ["'self'", "blob:", "mediastream:"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
  };
}

/** ws/wss and http/https of LiveKit's public origin: the signalling socket and its HTTP checks. */
function liveKitSources(url: string | undefined): string[] {
  if (!url) return [];
  const { host, protocol } = new URL(url);
  const secure = protocol === "wss:" || protocol === "https:";
  return secure ? [`wss://${host}`, `https://${host}`] : [`ws://${host}`, `http://${host}`, `wss://${host}`, `https://${host}`];
}

/** Security headers on every response: helmet, configured for Hearth, plus Permissions-Policy and HSTS over HTTPS. */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler[] {
  const httpsEverywhere = options.publicUrl?.startsWith("https:") ?? false;
  const directives = cspDirectives(options);
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: httpsEverywhere ? { ...directives, "upgrade-insecure-requests": [] } : directives },
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    xContentTypeOptions: true,
    // Decided per request below: only a response served over HTTPS may set it.
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    xPermittedCrossDomainPolicies: { permittedPolicies: "none" },
  });
  const extra: RequestHandler = (req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    const overHttps = httpsEverywhere || (options.trustProxy === true && req.protocol === "https");
    if (overHttps) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
  return [headers, extra];
}
