import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no look-alikes (l/1, o/0)

/** A random id for URLs: 12 characters, 60 bits. */
export function newId(length = 12): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** A random secret (session token, invitation, invite link): 32 bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What the store keeps instead of a secret. */
export function sha256(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
