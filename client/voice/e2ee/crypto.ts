/**
 * The cryptography of encrypted voice, in WebCrypto only (browsers and Node alike):
 * ECDH P-256 key pairs, wrapping a circle key for one recipient, and the security code.
 */
const subtle = () => globalThis.crypto.subtle;
const HKDF_SALT = new TextEncoder().encode("hearth-voice-e2ee-v1");

export function toBase64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface ExchangeKeys {
  privateKey: CryptoKey;
  /** The raw public point, base64url: what the room relays. */
  publicKey: string;
}

/** A fresh ECDH key pair; the private half cannot be exported. */
export async function makeExchangeKeys(): Promise<ExchangeKeys> {
  const pair = await subtle().generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  const raw = new Uint8Array(await subtle().exportKey("raw", pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64url(raw) };
}

/**
 * A circle key: 32 random bytes as base64url text. LiveKit derives its frame keys from this text
 * with PBKDF2, the derivation every LiveKit SDK shares (the browser and @livekit/rtc-node alike).
 */
export function makeCircleKey(): string {
  return toBase64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** What binds a wrapped key to its place: nobody can replay it for another epoch, space or person. */
function context(space: string, epoch: number, from: string, to: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`hearth-voice|${space}|${epoch}|${from}|${to}`);
}

async function pairKey(privateKey: CryptoKey, theirPublicKey: string, info: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const theirs = await subtle().importKey("raw", fromBase64url(theirPublicKey), { name: "ECDH", namedCurve: "P-256" }, false, []);
  const secret = await subtle().deriveBits({ name: "ECDH", public: theirs }, privateKey, 256);
  const hkdf = await subtle().importKey("raw", secret, "HKDF", false, ["deriveKey"]);
  return subtle().deriveKey({ name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info }, hkdf, { name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
}

export interface WrapPlace {
  space: string;
  epoch: number;
  from: string;
  to: string;
}

export async function wrapCircleKey(
  circleKey: string,
  own: ExchangeKeys,
  theirPublicKey: string,
  place: WrapPlace,
): Promise<{ iv: string; wrapped: string }> {
  const info = context(place.space, place.epoch, place.from, place.to);
  const key = await pairKey(own.privateKey, theirPublicKey, info);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = await subtle().encrypt({ name: "AES-GCM", iv, additionalData: info }, key, new TextEncoder().encode(circleKey));
  return { iv: toBase64url(iv), wrapped: toBase64url(new Uint8Array(sealed)) };
}

/** The circle key, or null when the blob was not made for us (or was tampered with). */
export async function unwrapCircleKey(
  sealed: { iv: string; wrapped: string },
  own: ExchangeKeys,
  senderPublicKey: string,
  place: WrapPlace,
): Promise<string | null> {
  try {
    const info = context(place.space, place.epoch, place.from, place.to);
    const key = await pairKey(own.privateKey, senderPublicKey, info);
    const plain = await subtle().decrypt(
      { name: "AES-GCM", iv: fromBase64url(sealed.iv), additionalData: info },
      key,
      fromBase64url(sealed.wrapped),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

/**
 * Six digits from SHA-256 of the circle key, shown as "123 456". Everyone holding the same key
 * sees the same code; a facilitator reads it aloud and a different code on anyone's screen means
 * their key did not come from the circle.
 */
export async function securityCode(circleKey: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest("SHA-256", new TextEncoder().encode(`hearth-code|${circleKey}`)));
  const n = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  const digits = String(n % 1_000_000).padStart(6, "0");
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
