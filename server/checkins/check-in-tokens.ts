/**
 * The after-session check-in link's token: proof, signed by this server, that its holder sat in
 * a session. It names the circle and session and a random nonce, never the person. Format as the
 * voice tickets: base64url(JSON) "." base64url(HMAC-SHA256(secret, domain + payload part)).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** The check-in after a session may come up to a day later (the page shown once it closed). */
export const CHECKIN_TOKEN_TTL_MS = 24 * 60 * 60_000;
const DOMAIN = "hearth.checkin.v1:";

export interface CheckInTokenPayload {
  circleId: string;
  sessionKey: string;
  /** When the session started (ms since the epoch). */
  start: number;
  nonce: string;
  exp: number;
}

const payloadSchema = z.strictObject({
  circleId: z.string().min(1).max(128),
  sessionKey: z.string().min(1).max(128),
  start: z.number().int(),
  nonce: z.string().min(16).max(64),
  exp: z.number().int().positive(),
});

export class CheckInTokenError extends Error {}

export const newNonce = (): string => randomBytes(16).toString("base64url");

export function checkInTokens(secret: string, now: () => number = Date.now) {
  const sign = (part: string) => createHmac("sha256", secret).update(DOMAIN + part).digest();
  return {
    issue(payload: Omit<CheckInTokenPayload, "exp">): string {
      const part = Buffer.from(JSON.stringify({ ...payload, exp: now() + CHECKIN_TOKEN_TTL_MS })).toString("base64url");
      return `${part}.${sign(part).toString("base64url")}`;
    },
    verify(token: string): CheckInTokenPayload {
      const [part, signature, extra] = token.split(".");
      if (!part || !signature || extra !== undefined) throw new CheckInTokenError("That check-in link is not valid.");
      const given = Buffer.from(signature, "base64url");
      const expected = sign(part);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CheckInTokenError("That check-in link is not valid.");
      let payload: CheckInTokenPayload;
      try {
        payload = payloadSchema.parse(JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
      } catch {
        throw new CheckInTokenError("That check-in link is not valid.");
      }
      if (payload.exp < now()) throw new CheckInTokenError("This check-in has closed: it stays open for a day after the session.");
      return payload;
    },
  };
}
export type CheckInTokens = ReturnType<typeof checkInTokens>;
