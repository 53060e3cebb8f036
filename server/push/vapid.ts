import webpush from "web-push";
import { one, type Queryable } from "../store/db.ts";

export interface VapidKeys {
  /** base64url, uncompressed P-256 point: the browser's applicationServerKey. */
  publicKey: string;
  /** base64url, 32 bytes. */
  privateKey: string;
  /** mailto: or https: contact that push services may use. */
  subject: string;
}

export interface VapidConfig {
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  VAPID_SUBJECT?: string;
  PUBLIC_URL?: string;
}

const SECRET_NAME = "vapid";

function subjectFrom(config: VapidConfig): string {
  if (config.VAPID_SUBJECT) return config.VAPID_SUBJECT;
  if (config.PUBLIC_URL?.startsWith("https://")) return new URL(config.PUBLIC_URL).origin;
  return "mailto:push@hearth.invalid";
}

/** Throws a clear error for keys or a subject that web-push would refuse at the first send. */
function check(keys: VapidKeys): VapidKeys {
  try {
    // Validates subject and both keys (lengths, base64url) without keeping them anywhere.
    webpush.getVapidHeaders("https://push.example", keys.subject, keys.publicKey, keys.privateKey, "aes128gcm");
  } catch (error) {
    throw new Error(`Invalid VAPID settings: ${(error as Error).message}`);
  }
  return keys;
}

/**
 * The VAPID keys: from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when given (both or neither), else the
 * pair kept in the store, made on first start. Two processes starting together keep one pair:
 * the insert that loses the race does nothing and both read the winner's.
 */
export async function loadVapidKeys(db: Queryable, config: VapidConfig, now: Date): Promise<VapidKeys> {
  const subject = subjectFrom(config);
  if (config.VAPID_PUBLIC_KEY || config.VAPID_PRIVATE_KEY) {
    if (!config.VAPID_PUBLIC_KEY || !config.VAPID_PRIVATE_KEY) {
      throw new Error("Invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: give both keys, or neither (Hearth then makes and keeps a pair).");
    }
    return check({ publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject });
  }
  const made = webpush.generateVAPIDKeys();
  await db.query("INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING", [
    SECRET_NAME,
    JSON.stringify(made),
    now,
  ]);
  const row = await one<{ value: string }>(db, "SELECT value FROM server_secrets WHERE name = $1", [SECRET_NAME]);
  const stored = JSON.parse(row!.value) as { publicKey: string; privateKey: string };
  return check({ publicKey: stored.publicKey, privateKey: stored.privateKey, subject });
}
