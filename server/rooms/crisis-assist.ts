import { randomBytes } from "node:crypto";
import type { Client } from "@colyseus/core";
import type { CrisisCategory } from "../../shared/crisis/types.ts";
import {
  SUPPORT_FLAG_REPEAT_MS,
  SUPPORT_REQUEST_WINDOW_MS,
  SUPPORT_REQUESTS_PER_WINDOW,
  type SupportFlag,
  type SupportOffer,
} from "../../shared/crisis-support.ts";
import { notice } from "../../shared/notices.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import { log } from "../log.ts";
import { countCrisisFlag, countSupportRequest } from "../safety/crisis-count.ts";
import type { Refuse } from "./message-gate.ts";
import type { Participant } from "./state.ts";

/** What the crisis assist needs from the room around it. */
export interface CrisisAssistHost {
  roomId: string;
  now(): number;
  participant(id: string): Participant | undefined;
  client(id: string): Client | undefined;
  facilitatorClients(): Iterable<Client>;
  refuse: Refuse;
}

/**
 * The room's second line of the crisis assist: a chat message the detector flags gives its writer
 * the crisis resources privately and tells the session's facilitators, privately and without the
 * text, that someone may need support. "Talk to the facilitator privately" arrives here too.
 * Flags live in memory for the session (a facilitator who joins later gets them); the log and
 * the process counter get a count, never who or what.
 */
export class CrisisAssist {
  private readonly flags = new Map<string, SupportFlag>();
  /** participantId:category → when the facilitators were last told. */
  private readonly lastFlagged = new Map<string, number>();
  private readonly requestTimes = new Map<string, number[]>();

  constructor(private readonly host: CrisisAssistHost) {}

  /** The room's detector flagged a chat message from `participantId` (already relayed or not). */
  chatFlagged(participantId: string, category: CrisisCategory): void {
    const writer = this.host.participant(participantId);
    if (!writer) return;
    const now = this.host.now();
    this.host.client(participantId)?.send(ServerMessage.SupportOffer, { category } satisfies SupportOffer);
    const key = `${participantId}:${category}`;
    const last = this.lastFlagged.get(key);
    if (last !== undefined && now - last < SUPPORT_FLAG_REPEAT_MS) return;
    this.lastFlagged.set(key, now);
    this.deliver({ id: newId(), at: now, participantId, pseudonym: writer.pseudonym, category, source: "chat" });
    log.info({ roomId: this.host.roomId, count: countCrisisFlag() }, "crisis assist: a chat message showed crisis language");
  }

  handleSupportRequest(client: Client, request: ClientPayload<"supportRequest">, asker: Participant): void {
    const now = this.host.now();
    const recent = (this.requestTimes.get(asker.id) ?? []).filter((t) => now - t < SUPPORT_REQUEST_WINDOW_MS);
    if (recent.length >= SUPPORT_REQUESTS_PER_WINDOW) {
      return this.host.refuse(client, ClientMessage.SupportRequest, "rate_limited", "The facilitators already know you'd like to talk. Someone will reach out to you.");
    }
    recent.push(now);
    this.requestTimes.set(asker.id, recent);
    const reached = this.deliver({
      id: newId(),
      at: now,
      participantId: asker.id,
      pseudonym: asker.pseudonym,
      ...(request.category ? { category: request.category } : {}),
      source: "request",
    });
    client.send(ServerMessage.Notice, notice("support-request-received", reached > 0));
    log.info({ roomId: this.host.roomId, count: countSupportRequest() }, "crisis assist: a participant asked to talk privately");
  }

  /** Their check-in asked for someone to check in with them: the facilitators are told, privately. */
  checkInRequested(asker: Participant): void {
    this.deliver({ id: newId(), at: this.host.now(), participantId: asker.id, pseudonym: asker.pseudonym, source: "check-in" });
    log.info({ roomId: this.host.roomId, count: countSupportRequest() }, "crisis assist: a check-in asked for someone to check in");
  }

  /** A facilitator joined: they get the flags still open in this session. */
  facilitatorJoined(client: Client): void {
    for (const flag of this.flags.values()) if (flag.participantId !== client.sessionId) client.send(ServerMessage.SupportFlag, flag);
  }

  /** The participant left for good: their flags are no longer waiting for anyone. */
  forget(id: string): void {
    for (const [flagId, flag] of this.flags) if (flag.participantId === id) this.flags.delete(flagId);
    for (const key of [...this.lastFlagged.keys()]) if (key.startsWith(`${id}:`)) this.lastFlagged.delete(key);
    this.requestTimes.delete(id);
  }

  private deliver(flag: SupportFlag): number {
    this.flags.set(flag.id, flag);
    let reached = 0;
    for (const facilitator of this.host.facilitatorClients()) {
      if (facilitator.sessionId === flag.participantId) continue; // a facilitator who wrote it is not told about themselves
      facilitator.send(ServerMessage.SupportFlag, flag);
      reached++;
    }
    return reached;
  }
}

const newId = () => randomBytes(6).toString("base64url");
