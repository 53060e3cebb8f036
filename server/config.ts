import { randomBytes } from "node:crypto";
import { z } from "zod";
import { CIRCLE_CAPACITY_DEFAULT, CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "../shared/limits.ts";

const port = z.coerce.number().int().min(1).max(65535);
const liveKitUrl = z.url({ protocol: /^(https?|wss?)$/, error: "Expected an http(s):// or ws(s):// URL." });
/** An optional variable; set but empty counts as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  HOST: z.string().default("0.0.0.0"),
  /** Folder with the built client (vite build). */
  CLIENT_DIR: z.string().default("dist/client"),
  OPEN_CIRCLE_TITLE: z.string().min(1).max(80).default("Open circle"),
  OPEN_CIRCLE_CAPACITY: z.coerce
    .number()
    .int()
    .min(CIRCLE_CAPACITY_MIN)
    .max(CIRCLE_CAPACITY_MAX)
    .default(CIRCLE_CAPACITY_DEFAULT),
  /** "off" removes the always-open demo circle; scheduled circles are unaffected. */
  OPEN_CIRCLE: z.enum(["on", "off"], { error: 'OPEN_CIRCLE must be "on" or "off".' }).default("on"),
  /**
   * A scheduled session's room closes this many minutes after the session's end time, once
   * everyone has been told: time to finish a share and say goodbye.
   */
  SESSION_OVERRUN_MINUTES: z.coerce.number().min(0).max(120).default(10),
  /** Whoever joins the open circle with this key facilitates it (for demos and training); unset, nobody can. */
  FACILITATOR_KEY: optional(z.string().min(12, "FACILITATOR_KEY needs at least 12 characters.")),
  /**
   * Crisis resources shown in every circle (GET /api/crisis-resources): a JSON file, or the JSON
   * itself, shaped as shared/safety.ts CrisisResources (hotlines by country). Unset: a plain
   * default that says Hearth is not a crisis service and to call local emergency numbers.
   */
  CRISIS_RESOURCES_FILE: optional(z.string().min(1)),
  CRISIS_RESOURCES: optional(z.string().min(2)),

  /**
   * Storage. With DATABASE_URL (postgres://…) a PostgreSQL server; else PGlite on disk under
   * DATA_DIR (default "data"; ":memory:" keeps nothing, and is the default when NODE_ENV=test).
   */
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "Expected a postgres:// URL." })),
  DATA_DIR: optional(z.string().min(1)).transform(
    (dir) => dir ?? (process.env.NODE_ENV === "test" ? ":memory:" : "data"),
  ),
  /** Base of absolute links in ICS files and invitations; else taken from each request's Host. */
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/, error: "Expected an http(s):// URL." })),
  /**
   * A settable clock for tests: HEARTH_FAKE_NOW (ISO instant) starts the server's clock there, and
   * POST /api/test/clock moves it. Honoured only with NODE_ENV=test or ALLOW_FAKE_CLOCK=1.
   */
  HEARTH_FAKE_NOW: optional(z.iso.datetime({ offset: true, error: "HEARTH_FAKE_NOW must be an ISO date and time." })),
  ALLOW_FAKE_CLOCK: z.enum(["0", "1"]).default("0"),

  /**
   * How long a circle's new poses may wait to go out together (ms): 0 sends them after the
   * event-loop turn they arrive in; a window trades that much latency for fewer socket writes.
   * 16 ms is one frame of a 60 Hz screen (bench:load: README, Benchmarks).
   */
  POSE_FLUSH_MS: z.coerce.number().int().min(0).max(50).default(16),
  /** Voice through LiveKit: "on" (default) or "off" (everything else keeps working without it). */
  VOICE: z.enum(["on", "off"], { error: 'VOICE must be "on" or "off".' }).default("on"),
  /**
   * LiveKit's server API (http(s):// or ws(s)://). Unset: Hearth starts and stops its own
   * livekit-server --dev on loopback. Set it for any other LiveKit; that server's webhook must
   * then point at <this server>/api/voice/webhook, signed with LIVEKIT_API_KEY.
   */
  LIVEKIT_URL: optional(liveKitUrl),
  /** What browsers connect to. Defaults to LIVEKIT_URL, or ws://localhost:LIVEKIT_PORT for the managed server. */
  LIVEKIT_PUBLIC_URL: optional(liveKitUrl),
  /** Unset: LiveKit's dev pair, refused with NODE_ENV=production or a LiveKit off loopback (see loadConfig). */
  LIVEKIT_API_KEY: z.string().min(1).default("devkey"),
  LIVEKIT_API_SECRET: z.string().min(1).default("secret"),
  /** Ports of the managed livekit-server on 127.0.0.1: HTTP/WebSocket/API, and media (ICE over UDP). */
  LIVEKIT_PORT: port.default(7880),
  LIVEKIT_RTC_UDP_PORT: port.default(7882),
  /**
   * ICE over TCP for the managed server, off (0) by default: LiveKit opens that port on every
   * interface, not only loopback. Media on loopback needs only UDP.
   */
  LIVEKIT_RTC_TCP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /**
   * Key that signs voice seat tickets. Unset: a random one per process, which is right for one
   * process. A deployment with several Hearth processes must give them all the same secret.
   */
  TICKET_SECRET: optional(z.string().min(32, "TICKET_SECRET needs at least 32 characters.")).transform(
    (secret) => secret ?? randomBytes(32).toString("base64url"),
  ),

  /**
   * Scale-out: with REDIS_URL (redis://…) several Hearth processes share rooms through Redis
   * (Colyseus presence and matchmaking driver). Each then needs PUBLIC_ADDRESS: how browsers
   * reach this very process, as host:port or host/path (no scheme), e.g. "hearth.example.org/n1".
   * Unset, it is derived from HOST (or the machine's hostname) and the port.
   */
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: "Expected a redis:// or rediss:// URL." })),
  /** With REDIS_URL: how often each process looks for crashed processes, to forget their rooms. */
  REDIS_SWEEP_SECONDS: z.coerce.number().min(0.5).max(3600).default(10),
  PUBLIC_ADDRESS: optional(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[^\s/:[\]]+)(:\d+)?(\/\S*)?$/, "Expected host:port or host/path, without a scheme.")),
  /**
   * Web Push reminders and notices (server/push/): "on" (default) or "off" (no worker, and the
   * /api/push routes answer 404). VAPID keys: both given, or neither (a pair is made on first
   * start and kept in the store). VAPID_SUBJECT: a mailto: or https: contact for push services.
   */
  PUSH: z.enum(["on", "off"], { error: 'PUSH must be "on" or "off".' }).default("on"),
  VAPID_PUBLIC_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{87}$/, "VAPID_PUBLIC_KEY must be a base64url P-256 public key (87 characters).")),
  VAPID_PRIVATE_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{43}$/, "VAPID_PRIVATE_KEY must be a base64url P-256 private key (43 characters).")),
  VAPID_SUBJECT: optional(z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "VAPID_SUBJECT must be a mailto: address or an https:// URL.")),
  /** Push services Hearth sends to: "*" (any public https host) or host names; unset, the browsers' own. */
  PUSH_ENDPOINT_HOSTS: optional(z.string().min(1)),
  /** For testing against a push service on this machine (NODE_ENV=test allows it too). Never in production. */
  PUSH_ALLOW_LOCAL_ENDPOINTS: z.enum(["0", "1"]).default("0"),
  /** How often the push worker looks for due notices. */
  PUSH_POLL_SECONDS: z.coerce.number().min(0.05).max(300).default(5),
  /** How long a claimed notice stays with one process before another may take it again. */
  PUSH_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  /**
   * Express "trust proxy" behind a TLS proxy, so rate limits see the client's address rather
   * than the proxy's: "loopback", a hop count, or addresses/subnets (comma-separated). Unset: off.
   */
  TRUST_PROXY: optional(z.string().min(1)),
  /**
   * More sources the page may connect to, beyond Hearth's own origin, LiveKit and PUBLIC_ADDRESS
   * (Content-Security-Policy connect-src): space- or comma-separated, e.g. "wss://n2.hearth.example.org".
   */
  CSP_CONNECT_SRC: optional(z.string().regex(/^[\w\s,:/.*\-[\]]+$/, "Expected sources such as wss://host, separated by spaces or commas."))
    .transform((value) => (value ? value.split(/[\s,]+/).filter(Boolean) : [])),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  if (parsed.data.REDIS_URL && parsed.data.VOICE === "on" && !env.TICKET_SECRET) {
    // A ticket signed by one process is traded for a voice token at whichever process answers.
    throw new Error("Invalid configuration:\n  TICKET_SECRET: set the same secret on every process when REDIS_URL is set.");
  }
  const devKeys = devKeysProblem(parsed.data, env);
  if (devKeys) throw new Error(`Invalid configuration:\n  ${devKeys}`);
  return parsed.data;
}

/** LiveKit's public development pair (`livekit-server --dev`): anyone can mint tokens with it. */
export const LIVEKIT_DEV_KEY = "devkey";
export const LIVEKIT_DEV_SECRET = "secret";

/**
 * Why LiveKit's dev key or secret may not be used here, or null. They are fine only for a
 * loopback LiveKit outside production: with them anyone who reaches LiveKit can mint a token
 * that publishes into any room, undoing a facilitator's mute.
 */
function devKeysProblem(config: Config, env: NodeJS.ProcessEnv): string | null {
  if (config.VOICE === "off") return null;
  if (config.LIVEKIT_API_KEY !== LIVEKIT_DEV_KEY && config.LIVEKIT_API_SECRET !== LIVEKIT_DEV_SECRET) return null;
  const production = env.NODE_ENV === "production";
  const remote = [config.LIVEKIT_URL, config.LIVEKIT_PUBLIC_URL].some((url) => url && !isLoopbackUrl(url));
  if (!production && !remote) return null;
  const why = production ? "NODE_ENV=production" : "LiveKit is not on loopback";
  return (
    `LIVEKIT_API_KEY/LIVEKIT_API_SECRET: LiveKit's public development pair (${LIVEKIT_DEV_KEY}/${LIVEKIT_DEV_SECRET}) ` +
    `is refused when ${why}: anyone could mint voice tokens with it. Set your own key and a secret of 32+ characters.`
  );
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
