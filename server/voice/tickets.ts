/**
 * Seat tickets: short-lived proof, signed by this server, that a participant holds a seat in a
 * live circle room. The room hands one to its client; the client trades it for a LiveKit token.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, domain + payload part)).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How long a ticket may be traded for a token. */
export const TICKET_TTL_MS = 2 * 60 * 1000;
/** Keeps these signatures apart from anything else the same secret might ever sign. */
const DOMAIN = "hearth.voice-ticket.v1:";
const SIGNATURE_BYTES = 32;
const MAX_TICKET_LENGTH = 1024;

export interface TicketPayload {
  roomId: string;
  participantId: string;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
  /**
   * A one-time value the room remembers for the connection it sent the ticket to: the room
   * accepts each nonce once, and only while that connection is still seated (see RoomVoice).
   */
  nonce?: string;
}

const payloadSchema = z
  .object({
    roomId: z.string().min(1).max(128),
    participantId: z.string().min(1).max(128),
    exp: z.number().int().positive(),
    nonce: z.string().min(16).max(64).optional(),
  })
  .strict();

export type TicketErrorKind = "malformed" | "forged" | "expired";

const MESSAGES: Record<TicketErrorKind, string> = {
  malformed: "This voice ticket is not a ticket this server issues.",
  forged: "This voice ticket was not signed by this server.",
  expired: "This voice ticket has expired. Ask the circle for a fresh one.",
};

export class TicketError extends Error {
  constructor(readonly kind: TicketErrorKind) {
    super(MESSAGES[kind]);
    this.name = "TicketError";
  }
}

export interface TicketSigner {
  issue(roomId: string, participantId: string, nonce?: string): string;
  /** The payload of a genuine, unexpired ticket; throws TicketError otherwise. */
  verify(ticket: string): TicketPayload;
}

export interface TicketSignerOptions {
  secret: string;
  ttlMs?: number;
  now?: () => number;
}

export function ticketSigner({ secret, ttlMs = TICKET_TTL_MS, now = Date.now }: TicketSignerOptions): TicketSigner {
  if (secret.length < 16) throw new Error("A ticket secret needs at least 16 characters.");
  const sign = (payloadPart: string): Buffer => createHmac("sha256", secret).update(DOMAIN + payloadPart).digest();

  return {
    issue(roomId, participantId, nonce) {
      const payload: TicketPayload = { roomId, participantId, exp: now() + ttlMs, ...(nonce ? { nonce } : {}) };
      const payloadPart = Buffer.from(JSON.stringify(payload)).toString("base64url");
      return `${payloadPart}.${sign(payloadPart).toString("base64url")}`;
    },

    verify(ticket) {
      if (typeof ticket !== "string" || ticket.length > MAX_TICKET_LENGTH) throw new TicketError("malformed");
      const parts = ticket.split(".");
      const [payloadPart, signaturePart] = parts;
      const base64url = /^[A-Za-z0-9_-]+$/;
      if (parts.length !== 2 || !payloadPart || !signaturePart) throw new TicketError("malformed");
      if (!base64url.test(payloadPart) || !base64url.test(signaturePart)) throw new TicketError("malformed");
      const signature = Buffer.from(signaturePart, "base64url");
      if (signature.length !== SIGNATURE_BYTES) throw new TicketError("malformed");
      // Base64 has spare bits: insist on the canonical spelling so a ticket has one valid form.
      const canonical = signature.toString("base64url") === signaturePart;
      if (!timingSafeEqual(signature, sign(payloadPart)) || !canonical) throw new TicketError("forged");

      // Signed by us, so the payload is ours; still checked, as a bug guard.
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
      } catch {
        throw new TicketError("malformed");
      }
      const parsed = payloadSchema.safeParse(json);
      if (!parsed.success) throw new TicketError("malformed");
      if (parsed.data.exp <= now()) throw new TicketError("expired");
      return parsed.data;
    },
  };
}
