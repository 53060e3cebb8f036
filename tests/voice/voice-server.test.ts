import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { matchMaker } from "@colyseus/core";
import { dispose } from "@livekit/rtc-node";
import { Client, type Room as ColyseusRoom } from "colyseus.js";
import express from "express";
import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CircleRoom } from "../../server/rooms/CircleRoom.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { voiceRouter } from "../../server/voice/http.ts";
import { ticketSigner } from "../../server/voice/tickets.ts";
import {
  ClientMessage,
  type ErrorReply,
  NoticeKind,
  ServerMessage,
  type VoiceTicketMessage,
  type VoiceTokenResponse,
} from "../../shared/protocol.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { type AudioMonitor, freshTicket, joinCircle, postToken, type Seat, tokenFor, VoiceBot } from "./support/bots.ts";
import {
  LIVEKIT_API_KEY,
  LIVEKIT_API_SECRET,
  socketsOf,
  startVoiceHearth,
  TEST_TICKET_SECRET,
  type VoiceHearth,
} from "./support/livekit.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-voice-tests";

/** Frames already in flight when a mute lands may still arrive this long after it. */
const IN_FLIGHT_MS = 500;

let hearth: VoiceHearth;
let a: Seat;
let b: Seat;
/** A facilitator (not in voice): mutes and allows go through the room's messages, as from the panel. */
let f: Seat;
let botA: VoiceBot;
let botB: VoiceBot;
let hearsA: AudioMonitor;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];

const circleRoom = (seat: Seat) => matchMaker.getLocalRoomById(seat.room.roomId) as CircleRoom;
const seen = (viewer: Seat, who: Seat) => viewer.room.state.participants.get(who.id);
const voiceRoom = () => a.tickets[0]!.room;
/** The facilitator mutes `who` (or lets them speak again), and the room has decided. */
async function setMicAllowed(who: Seat, allowed: boolean): Promise<void> {
  f.room.send(ClientMessage.Facilitate, allowed ? { action: "allowToSpeak", target: who.id } : { action: "mute", target: who.id });
  await waitFor(`${who.id} ${allowed ? "allowed" : "muted"}`, () => seen(f, who)?.micAllowed === allowed);
}
const canPublishAtLiveKit = async (who: Seat) => (await inLiveKit(who.id))?.permission?.canPublish;
const inLiveKit = async (identity: string) =>
  (await hearth.liveKitApi.listParticipants(voiceRoom())).find((p) => p.identity === identity);

async function join(pseudonym: string, options: Record<string, unknown> = {}): Promise<Seat> {
  const seat = await joinCircle(hearth.wsUrl, pseudonym, options);
  seats.push(seat);
  return seat;
}

async function connectBot(seat: Seat): Promise<VoiceBot> {
  const bot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, seat));
  bots.push(bot);
  return bot;
}

/** How a publish attempt ended, waiting at most `ms` for it. */
async function settle(attempt: Promise<unknown>, ms: number): Promise<"published" | "refused" | "pending"> {
  return Promise.race([
    attempt.then(
      () => "published" as const,
      () => "refused" as const,
    ),
    sleep(ms).then(() => "pending" as const),
  ]);
}

beforeAll(async () => {
  hearth = await startVoiceHearth({ FACILITATOR_KEY });
  a = await join("Quiet Otter");
  b = await join("Steady Heron");
  f = await join("Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
});

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.close()));
  await Promise.all(seats.filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave()));
  await hearth?.close();
  await dispose();
});

describe("voice tickets", () => {
  it("are sent to each participant as they join, for this session's voice room", async () => {
    const ticket = await a.ticketAfter(0);
    expect(ticket.room).toBe(`hearth-${a.room.roomId}`);
    const payload = ticketSigner({ secret: TEST_TICKET_SECRET }).verify(ticket.ticket);
    expect(payload).toMatchObject({ roomId: a.room.roomId, participantId: a.id });
    expect(payload.exp - Date.now()).toBeGreaterThan(60_000);
    expect(payload.exp - Date.now()).toBeLessThanOrEqual(120_000);
    expect((await b.ticketAfter(0)).room).toBe(ticket.room);
  });

  it("are sent again, fresh, when the client asks", async () => {
    const before = a.tickets.length;
    await sleep(5); // a later expiry, so a different ticket
    a.room.send(ClientMessage.VoiceTicket, {});
    const fresh = await a.ticketAfter(before);
    expect(fresh.ticket).not.toBe(a.tickets[before - 1]!.ticket);
    expect(ticketSigner({ secret: TEST_TICKET_SECRET }).verify(fresh.ticket).participantId).toBe(a.id);
  });

  it("are sent again after a dropped connection comes back", async () => {
    const seat = await join("Gentle Pine");
    const token = seat.room.reconnectionToken;
    seat.room.connection.close(); // not a consented leave: the seat is held
    await waitFor("the seat to be held", () => seen(a, seat)?.connected === false);
    const back: ColyseusRoom<CircleState> = await new Client(hearth.wsUrl).reconnect(token);
    const tickets: VoiceTicketMessage[] = [];
    back.onMessage(ServerMessage.VoiceTicket, (t: VoiceTicketMessage) => tickets.push(t));
    const ticket = await waitFor("a ticket after reconnecting", () => tickets[0]);
    expect(ticketSigner({ secret: TEST_TICKET_SECRET }).verify(ticket.ticket)).toMatchObject({ participantId: seat.id });
    await back.leave();
  });
});

describe("the token endpoint", () => {
  it("trades a ticket for a microphone-only token whose identity is the participant id", async () => {
    const reply = await postToken(hearth.httpUrl, { ticket: a.tickets.at(-1)!.ticket });
    expect(reply.status).toBe(200);
    const body = reply.body as VoiceTokenResponse;
    expect(body).toEqual({ url: `ws://localhost:${new URL(hearth.livekit!.url).port}`, token: expect.any(String), room: voiceRoom(), identity: a.id });

    const claims = await new TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(body.token);
    expect(claims.sub).toBe(a.id);
    expect(claims.name ?? "").toBe(""); // no pseudonym, no personal data
    expect(claims.metadata ?? "").toBe("");
    expect(JSON.stringify(claims)).not.toContain("Quiet Otter");
    expect(claims.exp! - claims.nbf!).toBe(600);
    expect(claims.video).toEqual({
      roomJoin: true,
      room: voiceRoom(),
      canSubscribe: true,
      canPublish: false, // granted by the room once LiveKit reports the join (server/voice/tokens.ts)
      canPublishSources: ["microphone"],
      canPublishData: false,
      canUpdateOwnMetadata: false,
    });
  });

  it("refuses a ticket of someone who has left the circle (403)", async () => {
    const leaver = await join("Brave Wren");
    const ticket = (await leaver.ticketAfter(0)).ticket;
    await leaver.room.leave();
    await waitFor("the leaver's seat to be freed", () => !circleRoom(a).voiceGrantFor(leaver.id));
    const reply = await postToken(hearth.httpUrl, { ticket });
    expect(reply).toEqual({ status: 403, body: { error: expect.stringMatching(/not seated in this circle/) } });
  });

  it("trades each ticket once: a copy of a redeemed ticket is refused (403)", async () => {
    const { ticket } = await freshTicket(a);
    expect((await postToken(hearth.httpUrl, { ticket })).status).toBe(200);
    for (let copy = 0; copy < 2; copy++) {
      expect(await postToken(hearth.httpUrl, { ticket })).toEqual({
        status: 403,
        body: { error: expect.stringMatching(/already used/) },
      });
    }
  });

  it("refuses a copied ticket the room never sent to that connection, even one signed with the server's secret (403)", async () => {
    const signer = ticketSigner({ secret: TEST_TICKET_SECRET });
    for (const nonce of [undefined, "a-nonce-the-room-never-sent"]) {
      const reply = await postToken(hearth.httpUrl, { ticket: signer.issue(a.room.roomId, a.id, nonce) });
      expect(reply.status, String(nonce)).toBe(403);
    }
  });

  it("refuses the ticket of a dropped connection while its seat is held (403)", async () => {
    const seat = await join("Patient Lark");
    const { ticket } = await seat.ticketAfter(0);
    const token = seat.room.reconnectionToken;
    seat.room.connection.close();
    await waitFor("the seat to be held", () => seen(a, seat)?.connected === false);
    expect((await postToken(hearth.httpUrl, { ticket })).status).toBe(403);
    const back: ColyseusRoom<CircleState> = await new Client(hearth.wsUrl).reconnect(token);
    await back.leave();
  });

  it("refuses a ticket for another or an ended session (403)", async () => {
    const signer = ticketSigner({ secret: TEST_TICKET_SECRET });
    for (const roomId of ["no-such-room", "closedRoom1"]) {
      const reply = await postToken(hearth.httpUrl, { ticket: signer.issue(roomId, a.id) });
      expect(reply).toEqual({ status: 403, body: { error: expect.stringMatching(/session has ended/) } });
    }
  });

  it("refuses an expired ticket (401)", async () => {
    const issuedLongAgo = ticketSigner({ secret: TEST_TICKET_SECRET, now: () => Date.now() - 3 * 60_000 });
    const reply = await postToken(hearth.httpUrl, { ticket: issuedLongAgo.issue(a.room.roomId, a.id) });
    expect(reply).toEqual({ status: 401, body: { error: expect.stringMatching(/expired/) } });
  });

  it("refuses a forged ticket (401)", async () => {
    const genuine = a.tickets.at(-1)!.ticket;
    const last = genuine.at(-1) === "A" ? "B" : "A";
    const otherSecret = ticketSigner({ secret: `${TEST_TICKET_SECRET}-another-process` });
    for (const ticket of [genuine.slice(0, -1) + last, otherSecret.issue(a.room.roomId, a.id)]) {
      const reply = await postToken(hearth.httpUrl, { ticket });
      expect(reply).toEqual({ status: 401, body: { error: expect.stringMatching(/not signed by this server/) } });
    }
  });

  it("refuses a ticket that is not a ticket (401) and a malformed body (400)", async () => {
    expect(await postToken(hearth.httpUrl, { ticket: "abc" })).toEqual({
      status: 401,
      body: { error: expect.stringMatching(/not a ticket/) },
    });
    for (const body of [{}, { ticket: 5 }, { ticket: "" }, { ticket: "x", extra: true }, "{not json", "[]"]) {
      const reply = await postToken(hearth.httpUrl, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect((reply.body as { error: string }).error).toMatch(/\w+ \w+/);
    }
    expect((await postToken(hearth.httpUrl, "ticket=abc", "text/plain")).status).toBe(400);
  });

  it("answers 503 when voice is off", async () => {
    const app = express().use("/api/voice", voiceRouter(undefined));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await postToken(url, { ticket: a.tickets.at(-1)!.ticket })).toEqual({
        status: 503,
        body: { error: "Voice is turned off on this server." },
      });
    } finally {
      server.close();
    }
  });
});

describe("voice through LiveKit", () => {
  it("carries A's voice to B, and tells the circle who is connected to voice", { timeout: 60_000 }, async () => {
    botA = await connectBot(a);
    botB = await connectBot(b);
    hearsA = botB.listenTo(a.id);
    await botA.publishMicrophone();
    await waitFor("B to hear A", () => hearsA.audibleAt.length >= 20, 10_000);
    // LiveKit's participant_joined webhooks, verified and applied by Hearth:
    await waitFor("A shown as connected to voice", () => seen(b, a)?.voiceConnected && seen(a, b)?.voiceConnected);
  });

  it.skipIf(process.platform !== "linux")("keeps every socket of its livekit-server on loopback", () => {
    const isLoopback = (address: string) => /^(127\.|::ffff:127\.)/.test(address) || address === "::1";
    const sockets = socketsOf(hearth.livekit!.pid);
    const listening = sockets.filter((s) => s.protocol.startsWith("tcp") && s.state === "0A").map((s) => s.port);
    expect(listening).toContain(Number(new URL(hearth.livekit!.url).port));
    expect(sockets.some((s) => s.protocol.startsWith("udp"))).toBe(true); // media
    expect(sockets.filter((s) => !isLoopback(s.address))).toEqual([]);
  });

  it("silences A at the server when the room mutes A, and tells A kindly", { timeout: 60_000 }, async () => {
    const mutedAt = performance.now();
    await setMicAllowed(a, false);
    await waitFor("LiveKit to hold A to the mute", async () => (await canPublishAtLiveKit(a)) === false, 10_000, 50);
    await sleep(1500);
    expect(hearsA.audibleCountSince(mutedAt + IN_FLIGHT_MS)).toBe(0);

    const atLiveKit = await inLiveKit(a.id);
    expect(atLiveKit?.tracks).toHaveLength(0);
    expect(atLiveKit?.permission?.canPublish).toBe(false);
    expect(seen(b, a)).toMatchObject({ micAllowed: false, muted: true });
    expect(a.notices).toContainEqual({ kind: NoticeKind.MutedByFacilitator, message: "The facilitator has muted you for now." });
  });

  it("keeps A silent while muted: publishing again fails, and so does unmuting in the circle", { timeout: 60_000 }, async () => {
    const triedAt = performance.now();
    const outcome = await settle(botA.publishMicrophone(), 15_000);
    expect(outcome).toBe("refused");
    expect(hearsA.audibleCountSince(triedAt)).toBe(0);
    expect((await inLiveKit(a.id))?.tracks).toHaveLength(0);

    const errorsBefore = a.errors.length;
    a.room.send(ClientMessage.SelfMute, { muted: false });
    const refusal: ErrorReply = await waitFor("the unmute to be refused", () => a.errors[errorsBefore]);
    expect(refusal).toMatchObject({ code: "not_allowed", type: ClientMessage.SelfMute });
    expect(seen(b, a)?.muted).toBe(true);
  });

  it("lets A speak again once allowed, without turning A's microphone on", { timeout: 60_000 }, async () => {
    await setMicAllowed(a, true);
    await waitFor("LiveKit to let A publish", async () => (await canPublishAtLiveKit(a)) === true, 10_000, 50);
    await waitFor("the allowed-to-speak notice", () => a.notices.some((n) => n.kind === NoticeKind.AllowedToSpeak));
    expect(a.notices.at(-1)).toEqual({
      kind: NoticeKind.AllowedToSpeak,
      message: "You can speak again whenever you're ready. Unmute yourself when you want to.",
    });
    await waitFor("B to see A allowed", () => seen(b, a)?.micAllowed === true);
    expect(seen(b, a)?.muted).toBe(true); // still muted until A chooses
    const atLiveKit = await inLiveKit(a.id);
    expect(atLiveKit?.permission?.canPublish).toBe(true);
    expect(atLiveKit?.tracks).toHaveLength(0);

    const allowedAt = performance.now();
    await botA.publishMicrophone();
    await waitFor("B to hear A again", () => hearsA.audibleCountSince(allowedAt) >= 20, 10_000);
  });

  it("leaves LiveKit agreeing with the room's last word when mutes and allows come quickly", async () => {
    const room = circleRoom(a);
    const send = (action: "mute" | "allowToSpeak") => f.room.send(ClientMessage.Facilitate, { action, target: a.id });
    send("mute");
    send("allowToSpeak");
    send("mute");
    await waitFor("the last word (muted) in the room", () => f.errors.length === 0 && seen(f, a)?.mutedByFacilitator === true && seen(f, a)?.micAllowed === false);
    expect(room.voiceGrantFor(a.id)?.canPublish).toBe(false);
    await waitFor("LiveKit to agree (muted)", async () => (await canPublishAtLiveKit(a)) === false, 10_000, 50);
    await sleep(1500); // nothing older overtakes it
    expect(await canPublishAtLiveKit(a)).toBe(false);
    send("allowToSpeak");
    send("mute");
    send("allowToSpeak");
    await waitFor("the last word (allowed) in the room", () => seen(f, a)?.mutedByFacilitator === false && seen(f, a)?.micAllowed === true);
    expect(room.voiceGrantFor(a.id)?.canPublish).toBe(true);
    await waitFor("LiveKit to agree (allowed)", async () => (await canPublishAtLiveKit(a)) === true, 10_000, 50);
    await sleep(1500);
    expect(await canPublishAtLiveKit(a)).toBe(true);
    expect(f.errors).toEqual([]);
  });

  it("applies a mute decided before the person connected to voice", { timeout: 60_000 }, async () => {
    const c = await join("Calm Cedar");
    const token = await tokenFor(hearth.httpUrl, c); // minted while C may still speak
    await setMicAllowed(c, false); // C is not in LiveKit yet: no failure
    const botC = await VoiceBot.connect(token);
    bots.push(botC);
    const hearsC = botB.listenTo(c.id);
    const publishing = botC.publishMicrophone();
    publishing.catch(() => {});
    // Hearth hears of C joining by webhook and takes the permission away at LiveKit.
    await waitFor("LiveKit to hold C to the mute", async () => (await inLiveKit(c.id))?.permission?.canPublish === false, 10_000, 50);
    const enforcedAt = performance.now();
    await sleep(1500);
    expect(hearsC.audibleCountSince(enforcedAt + IN_FLIGHT_MS)).toBe(0);
    expect((await inLiveKit(c.id))?.tracks).toHaveLength(0);
    await settle(publishing, 15_000);
    expect((await inLiveKit(c.id))?.tracks).toHaveLength(0);

    // ... and when C leaves the circle, C is taken out of voice too.
    await c.room.leave();
    await waitFor("C to be gone from LiveKit", async () => !(await inLiveKit(c.id)), 10_000, 50);
  });
});

describe("when a client publishes the instant it connects with a token minted before a mute", () => {
  it("is refused from the first packet: nobody hears a single audible frame", { timeout: 60_000 }, async () => {
    const d = await join("Eager Finch");
    const token = await tokenFor(hearth.httpUrl, d); // minted while D may speak
    const claims = await new TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(token.token);
    expect(claims.video?.canPublish).toBe(false);
    await setMicAllowed(d, false);
    const hearsD = botB.listenTo(d.id);
    const since = performance.now();
    const botD = await VoiceBot.connect(token, { awaitGrant: false }); // does not wait for anything
    bots.push(botD);
    const publishing = botD.publishMicrophone();
    publishing.catch(() => {});
    const outcome = await settle(publishing, 15_000);
    await sleep(1000);
    expect(outcome).not.toBe("published");
    expect(hearsD.audibleCountSince(since)).toBe(0);
    expect((await inLiveKit(d.id))?.permission?.canPublish).toBe(false);
    expect((await inLiveKit(d.id))?.tracks).toHaveLength(0);
    await d.room.leave();
  });

  it("lets an allowed participant's client publish once the room's grant has arrived", { timeout: 60_000 }, async () => {
    const e = await join("Bright Swift");
    const botE = await connectBot(e); // waits for the grant, as the browser does
    expect((await inLiveKit(e.id))?.permission?.canPublish).toBe(true);
    const hearsE = botB.listenTo(e.id);
    await botE.publishMicrophone();
    await waitFor("B to hear E", () => hearsE.audibleAt.length >= 10, 10_000);
    await botE.close();
    await e.room.leave();
  });
});

describe("LiveKit webhooks", () => {
  const post = (body: string, authorization?: string) =>
    fetch(`${hearth.httpUrl}/api/voice/webhook`, {
      method: "POST",
      headers: { "content-type": "application/webhook+json", ...(authorization ? { authorization } : {}) },
      body,
    });
  const signed = async (body: string, secret: string, hashedBody = body) => {
    const token = new AccessToken(LIVEKIT_API_KEY, secret);
    token.sha256 = createHash("sha256").update(hashedBody).digest("base64");
    return token.toJwt();
  };
  const event = JSON.stringify({
    event: "participant_joined",
    room: { name: `hearth-${"x".repeat(9)}` },
    participant: { identity: "someone", sid: "PA_x" },
    id: "EV_x",
    createdAt: "1",
  });

  it("refuses a webhook without a valid signature (401)", async () => {
    const attempts = [
      undefined,
      "Bearer not-a-jwt",
      await signed(event, "a-different-secret-than-livekit-uses"),
      await signed(event, LIVEKIT_API_SECRET, `${event} `), // signed, but for another body
    ];
    for (const authorization of attempts) {
      const response = await post(event, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/not signed/) });
    }
  });

  it("accepts a correctly signed one", async () => {
    const response = await post(event, await signed(event, LIVEKIT_API_SECRET));
    expect(response.status).toBe(200);
  });

  it("shows a participant as no longer connected to voice when LiveKit reports them gone", { timeout: 30_000 }, async () => {
    expect(seen(b, a)?.voiceConnected).toBe(true);
    await botA.close();
    await waitFor("A shown as disconnected from voice", () => seen(b, a)?.voiceConnected === false, 10_000);
    expect(seen(b, b)?.voiceConnected).toBe(true);
  });
});

describe("when the circle session ends", () => {
  it("closes its voice room and refuses its tickets", { timeout: 30_000 }, async () => {
    const roomId = a.room.roomId;
    const ticket = a.tickets.at(-1)!.ticket; // still within its two minutes
    expect(botB.room.isConnected).toBe(true);
    for (const seat of seats) if (seat.room.connection.isOpen) await seat.room.leave();
    await waitFor("the circle room to close", () => !matchMaker.getLocalRoomById(roomId), 10_000);

    expect(await postToken(hearth.httpUrl, { ticket })).toEqual({
      status: 403,
      body: { error: expect.stringMatching(/session has ended/) },
    });
    await waitFor("LiveKit to close the voice room", async () => {
      const rooms = await hearth.liveKitApi.listRooms();
      return !rooms.some((room) => room.name === `hearth-${roomId}`);
    }, 10_000, 50);
    await waitFor("B to be disconnected from voice", () => !botB.room.isConnected, 10_000);
  });
});
