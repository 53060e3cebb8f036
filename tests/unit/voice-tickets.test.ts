import { describe, expect, it } from "vitest";
import { TICKET_TTL_MS, TicketError, type TicketErrorKind, ticketSigner } from "../../server/voice/tickets.ts";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

function refusal(verify: () => unknown): TicketErrorKind {
  try {
    verify();
  } catch (error) {
    if (error instanceof TicketError) return error.kind;
    throw error;
  }
  throw new Error("The ticket was accepted.");
}

/** Replaces one character of `text` at `index` with a different base64url character. */
function flip(text: string, index: number): string {
  const replacement = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("a seat ticket", () => {
  it("carries the room, the participant and an expiry about two minutes ahead", () => {
    let now = 1_800_000_000_000;
    const signer = ticketSigner({ secret: SECRET, now: () => now });
    const ticket = signer.issue("room1", "sess1");
    expect(signer.verify(ticket)).toEqual({ roomId: "room1", participantId: "sess1", exp: now + TICKET_TTL_MS });
    expect(TICKET_TTL_MS).toBe(120_000);
    now += TICKET_TTL_MS - 1;
    expect(signer.verify(ticket).participantId).toBe("sess1");
  });

  it("is refused as expired once its two minutes are over", () => {
    let now = 1_800_000_000_000;
    const signer = ticketSigner({ secret: SECRET, now: () => now });
    const ticket = signer.issue("room1", "sess1");
    now += TICKET_TTL_MS;
    expect(refusal(() => signer.verify(ticket))).toBe("expired");
  });

  it("is refused as forged when another secret signed it", () => {
    const ours = ticketSigner({ secret: SECRET });
    const theirs = ticketSigner({ secret: `${SECRET}-other` });
    expect(refusal(() => ours.verify(theirs.issue("room1", "sess1")))).toBe("forged");
  });

  it("is refused as forged when its payload was changed (someone else's seat, a later expiry)", () => {
    const signer = ticketSigner({ secret: SECRET });
    const [, signature] = signer.issue("room1", "sess1").split(".");
    for (const payload of [
      { roomId: "room1", participantId: "sess2", exp: Date.now() + 60_000 },
      { roomId: "room1", participantId: "sess1", exp: Date.now() + 86_400_000 },
    ]) {
      const tampered = `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
      expect(refusal(() => signer.verify(tampered))).toBe("forged");
    }
  });

  it("is refused as forged when any character of its signature changes", () => {
    const signer = ticketSigner({ secret: SECRET });
    const ticket = signer.issue("room1", "sess1");
    const dot = ticket.indexOf(".");
    for (let i = dot + 1; i < ticket.length; i++) {
      expect(refusal(() => signer.verify(flip(ticket, i)))).toBe("forged");
    }
  });

  it("is refused as malformed when it is not shaped like a ticket", () => {
    const signer = ticketSigner({ secret: SECRET });
    const ticket = signer.issue("room1", "sess1");
    const [payload, signature] = ticket.split(".");
    for (const bad of [
      "",
      "no-dot-at-all",
      `${payload}.`,
      `.${signature}`,
      `${ticket}.extra`,
      `${payload}.${signature!.slice(0, 20)}`,
      `${payload}!.${signature}`,
      "x".repeat(5000),
    ]) {
      expect(refusal(() => signer.verify(bad)), bad.slice(0, 40)).toBe("malformed");
    }
  });

  it("gives each refusal a sentence a person can act on", () => {
    expect(new TicketError("expired").message).toMatch(/expired/);
    expect(new TicketError("forged").message).toMatch(/not signed by this server/);
    expect(new TicketError("malformed").message).toMatch(/not a ticket/);
  });

  it("refuses to sign with a short secret", () => {
    expect(() => ticketSigner({ secret: "short" })).toThrow(/at least 16/);
  });
});
