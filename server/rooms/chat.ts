import type { Client } from "@colyseus/core";
import { assessCrisis, type CrisisCategory } from "../../shared/crisis/detector.ts";
import {
  CHAT_COOL_DOWN_MS,
  CHAT_RATE_MESSAGES,
  CHAT_RATE_WINDOW_MS,
  type ChatDeletedMessage,
  type ChatMessage,
} from "../../shared/chat.ts";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import { AbuseCounter, filterChat } from "../safety/chat-filter.ts";
import type { Refuse } from "./message-gate.ts";
import type { Participant } from "./state.ts";

/** What the chat needs from the room around it. */
export interface ChatHost {
  now(): number;
  /** Connected clients with their participant. */
  seated(): Iterable<{ client: Client; participant: Participant }>;
  /** Whether `viewer` may see `sender` (not kept apart by a block). */
  canSee(viewer: string, sender: string): boolean;
  isPaused(): boolean;
  setPaused(paused: boolean): void;
  /** The room's message gate refusal (it costs a strike). */
  refuse: Refuse;
  /** The chat filter saw repeated abuse from `participantId`: tell the facilitators. */
  flagAbuse(participantId: string): void;
  /** The crisis detector flagged a message from `participantId` (server/rooms/crisis-assist.ts). */
  crisisFlagged(participantId: string, category: CrisisCategory): void;
  /** A cool-down began (remainingMs > 0) or was lifted (0): tell the writer and the facilitators. */
  coolDownChanged(participantId: string, remainingMs: number, liftedByFacilitator: boolean): void;
}

/** A sliding window of send times: at most `limit` in `windowMs`. */
class SlidingWindow {
  private times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  take(now: number): boolean {
    this.times = this.times.filter((t) => now - t < this.windowMs);
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}

/**
 * The circle's text chat: ephemeral. A message is validated, rate-limited, masked for slurs and
 * abuse, relayed to the people in the sender's space who can see the sender, and forgotten.
 * Nothing here is logged or stored; the server keeps no history (late arrivals see new messages only).
 */
export class CircleChat {
  private nextId = 1;
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly abuse = new Map<string, AbuseCounter>();
  /** participant id → when their chat cool-down ends (ms, host clock). */
  private readonly coolDowns = new Map<string, number>();

  constructor(private readonly host: ChatHost) {}

  handleSend(client: Client, request: ClientPayload<"chat">, sender: Participant): void {
    const now = this.host.now();
    let window = this.windows.get(sender.id);
    if (!window) this.windows.set(sender.id, (window = new SlidingWindow(CHAT_RATE_MESSAGES, CHAT_RATE_WINDOW_MS)));
    if (!window.take(now)) {
      return this.host.refuse(client, ClientMessage.Chat, "rate_limited", "You're sending messages quickly: please wait a few seconds.");
    }
    const facilitator = sender.role === "facilitator";
    // A pause is the circle's: a private conversation with a facilitator goes on.
    if (this.host.isPaused() && !facilitator && !isPrivateTalk(sender.space)) {
      return this.host.refuse(client, ClientMessage.Chat, "not_allowed", "The facilitator has paused the chat for now.");
    }

    const coolingUntil = this.coolDowns.get(sender.id);
    if (coolingUntil !== undefined && now < coolingUntil) {
      const seconds = Math.ceil((coolingUntil - now) / 1000);
      return this.host.refuse(client, ClientMessage.Chat, "not_allowed", `Your chat is paused for a moment after several messages the filter caught. You can write again in ${seconds} s.`);
    }
    if (coolingUntil !== undefined) this.coolDowns.delete(sender.id);

    const filtered = filterChat(request.text);
    if (filtered.abusive) {
      let counter = this.abuse.get(sender.id);
      if (!counter) this.abuse.set(sender.id, (counter = new AbuseCounter()));
      if (counter.record(now)) {
        this.host.flagAbuse(sender.id);
        if (!facilitator) this.startCoolDown(sender.id, now);
      }
    }
    // Second line of the crisis assist: the writer's device checked first; this catches any client.
    const crisis = assessCrisis(request.text);
    if (crisis.flagged && crisis.category) this.host.crisisFlagged(sender.id, crisis.category);
    const message: ChatMessage = {
      id: String(this.nextId++),
      from: sender.id,
      pseudonym: sender.pseudonym,
      text: filtered.text,
      at: now,
      masked: filtered.masked,
      facilitator,
    };
    for (const { client: recipient, participant } of this.host.seated()) {
      if (participant.space !== sender.space) continue;
      if (participant.id !== sender.id && !this.host.canSee(participant.id, sender.id)) continue;
      recipient.send(ServerMessage.Chat, message);
    }
  }

  handleModerate(client: Client, action: ClientPayload<"chatModerate">, actor: Participant): void {
    if (actor.role !== "facilitator") {
      return this.host.refuse(client, ClientMessage.ChatModerate, "not_allowed", "Only the circle's facilitators can do that.");
    }
    this.moderate(client, action);
  }

  /** The participant left for good. */
  forget(id: string): void {
    this.windows.delete(id);
    this.abuse.delete(id);
    this.coolDowns.delete(id);
  }

  /** Milliseconds left of `id`'s cool-down (0 when none). */
  coolDownLeft(id: string): number {
    const until = this.coolDowns.get(id);
    return until === undefined ? 0 : Math.max(0, until - this.host.now());
  }

  private startCoolDown(id: string, now: number): void {
    this.coolDowns.set(id, now + CHAT_COOL_DOWN_MS);
    this.host.coolDownChanged(id, CHAT_COOL_DOWN_MS, false);
  }

  private moderate(client: Client, action: ClientPayload<"chatModerate">): void {
    if (action.action === "pause") {
      this.host.setPaused(action.paused);
      return;
    }
    if (action.action === "liftCoolDown") {
      if (this.coolDownLeft(action.participantId) === 0) {
        return this.host.refuse(client, ClientMessage.ChatModerate, "invalid_message", "This person's chat is not paused.");
      }
      this.coolDowns.delete(action.participantId);
      this.host.coolDownChanged(action.participantId, 0, true);
      return;
    }
    const deleted: ChatDeletedMessage = { id: action.messageId };
    // Everyone who may have it drops it; the server never had a copy to delete.
    for (const { client } of this.host.seated()) client.send(ServerMessage.ChatDeleted, deleted);
  }
}
