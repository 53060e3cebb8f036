import type { Client } from "@colyseus/core";
import { ClientMessage, type ErrorCode, type ErrorReply, ServerMessage } from "../../shared/protocol.ts";
import { type ClientMessageName, type ClientPayload, clientMessageSchemas, describeZodError } from "../../shared/schemas.ts";
import { log } from "../log.ts";
import { bucketFor, type ClientLimits, newClientLimits } from "./rate-limit.ts";
import type { Participant } from "./state.ts";

/** A feature's handler of one client message: runs only for a present sender with a valid, in-rate payload. */
export type MessageHandler<K extends ClientMessageName> = (client: Client, payload: ClientPayload<K>, sender: Participant) => void;

/** The messages a feature handles, by name (shared/protocol.ts ClientMessage). */
export type MessageHandlers = { [K in ClientMessageName]?: MessageHandler<K> };

/** Refuses a message: the sender is told why, and it costs a strike. */
export type Refuse = (client: Client, type: string, code: ErrorCode, message: string) => void;

/** What the gate needs from its room. */
export interface GateHost {
  readonly roomId: string;
  participant(id: string): Participant | undefined;
  /** Colyseus' Room.onMessage. */
  onMessage(type: string, callback: (client: Client, raw: unknown) => void): unknown;
  onAnyMessage(callback: (client: Client, type: unknown) => void): unknown;
  /** The client is disconnected on purpose (out of strikes): no seat is held for them. */
  disconnect(client: Client): void;
}

/**
 * The one way in for client messages. Every message (poses included) passes the sender check,
 * the client's rate-limit bucket and the message's zod schema (shared/schemas.ts) before its
 * feature handler; every refusal costs a strike, and a client out of strikes is disconnected.
 */
export class MessageGate {
  private readonly limits = new Map<string, ClientLimits>();
  private readonly registered = new Set<string>();

  constructor(private readonly host: GateHost) {}

  /** A client joined: it gets fresh buckets and strikes. */
  admit(id: string): void {
    this.limits.set(id, newClientLimits());
  }

  /** The participant left for good. */
  forget(id: string): void {
    this.limits.delete(id);
  }

  /** Registers a feature's handlers; a message can have only one. */
  register(handlers: MessageHandlers): void {
    for (const type of Object.keys(handlers) as ClientMessageName[]) {
      const handler = handlers[type] as MessageHandler<ClientMessageName> | undefined;
      if (handler) this.registerOne(type, handler);
    }
  }

  /**
   * Poses are nearly all the traffic: a handler of their own keeps V8's inline caches to
   * themselves, through the same checks (excess poses are dropped quietly, without a strike).
   */
  registerPose(handler: MessageHandler<typeof ClientMessage.Pose>): void {
    this.claim(ClientMessage.Pose);
    const schema = clientMessageSchemas[ClientMessage.Pose];
    this.host.onMessage(ClientMessage.Pose, (client, raw) => {
      const sender = this.senderIfAllowed(client, ClientMessage.Pose);
      if (!sender) return;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return this.refuse(client, ClientMessage.Pose, "invalid_message", describeZodError(parsed.error));
      handler(client, parsed.data, sender);
    });
  }

  /** Every message in shared/protocol.ts has its handler now; anything else is refused as unknown. */
  seal(): void {
    const missing = Object.values(ClientMessage).filter((type) => !this.registered.has(type));
    if (missing.length > 0) throw new Error(`No handler for client messages: ${missing.join(", ")}.`);
    this.host.onAnyMessage((client, type) => {
      // The type is whatever the wire said: a string, a number, or worse (an object without toString).
      const name = typeof type === "string" || typeof type === "number" ? String(type) : `(${typeof type})`;
      this.refuse(client, name, "unknown_message", `Unknown message type "${name.slice(0, 64)}".`);
    });
  }

  /** The message names with a handler, in registration order. */
  handledMessages(): string[] {
    return [...this.registered];
  }

  /** Tells the client why a message changed nothing; each refusal costs a strike. */
  readonly refuse: Refuse = (client, type, code, message) => {
    const reply: ErrorReply = { code, type: type.slice(0, 64), message };
    client.send(ServerMessage.Error, reply);
    const limits = this.limits.get(client.sessionId);
    if (limits && !limits.strikes.take()) {
      log.warn({ roomId: this.host.roomId, participantId: client.sessionId }, "disconnecting a client that keeps sending invalid messages");
      this.host.disconnect(client);
    }
  };

  private registerOne<K extends ClientMessageName>(type: K, handler: MessageHandler<K>): void {
    if (type === ClientMessage.Pose) throw new Error("Poses have their own handler: registerPose.");
    this.claim(type);
    const schema = clientMessageSchemas[type];
    this.host.onMessage(type, (client, raw) => {
      const sender = this.senderIfAllowed(client, type);
      if (!sender) return;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return this.refuse(client, type, "invalid_message", describeZodError(parsed.error));
      handler(client, parsed.data as ClientPayload<K>, sender);
    });
  }

  private claim(type: string): void {
    if (this.registered.has(type)) throw new Error(`The client message "${type}" already has a handler.`);
    this.registered.add(type);
  }

  /** The sender when they may send this message now; undefined (and maybe told why) otherwise. */
  private senderIfAllowed(client: Client, type: ClientMessageName): Participant | undefined {
    const participant = this.host.participant(client.sessionId);
    const limits = this.limits.get(client.sessionId);
    if (!participant || !limits) return undefined;
    if (limits[bucketFor(type)].take()) return participant;
    // Excess poses are dropped quietly; excess actions are told why.
    if (type !== ClientMessage.Pose) this.refuse(client, type, "rate_limited", "Too many requests; please slow down.");
    return undefined;
  }
}
