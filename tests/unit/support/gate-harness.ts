/**
 * A room stand-in for unit tests of a feature's message handlers: the real MessageGate (schema,
 * rate limit, strikes) in front of them, with fake clients whose sent messages land in an inbox.
 */
import type { Client } from "@colyseus/core";
import { type MessageHandlers, MessageGate } from "../../../server/rooms/message-gate.ts";
import { Participant } from "../../../server/rooms/state.ts";
import { ClientMessage } from "../../../shared/protocol.ts";

export interface Sent {
  type: string;
  message: unknown;
}

export interface GatedClient {
  id: string;
  client: Client;
  participant: Participant;
  inbox: Sent[];
  /** Sends a client message through the gate, as the wire would. */
  send(type: string, raw: unknown): void;
}

export function gatedRoom() {
  const participants = new Map<string, Participant>();
  const clients = new Map<string, GatedClient>();
  const handlers = new Map<string, (client: Client, raw: unknown) => void>();
  let unknown: ((client: Client, type: unknown) => void) | undefined;
  const gate = new MessageGate({
    roomId: "room",
    participant: (id) => participants.get(id),
    onMessage: (type, callback) => handlers.set(type, callback),
    onAnyMessage: (callback) => (unknown = callback),
    disconnect: () => {},
  });
  /** Registers the feature's handlers (and no-ops for every other message), then seals the gate. */
  const open = (feature: MessageHandlers) => {
    const others = Object.values(ClientMessage).filter((name) => name !== ClientMessage.Pose && !(name in feature));
    gate.register({ ...Object.fromEntries(others.map((name) => [name, () => {}])), ...feature });
    gate.registerPose(() => {});
    gate.seal();
  };
  const add = (id: string, space = "main"): GatedClient => {
    const participant = new Participant();
    participant.id = id;
    participant.space = space;
    participants.set(id, participant);
    const inbox: Sent[] = [];
    const client = { sessionId: id, send: (type: string, message: unknown) => inbox.push({ type, message }) } as unknown as Client;
    const send = (type: string, raw: unknown) => (handlers.has(type) ? handlers.get(type)!(client, raw) : unknown?.(client, type));
    const gated = { id, client, participant, inbox, send };
    clients.set(id, gated);
    gate.admit(id);
    return gated;
  };
  const remove = (id: string) => {
    participants.delete(id);
    clients.delete(id);
    gate.forget(id);
  };
  return { gate, open, add, remove, participants, clients, refuse: gate.refuse };
}
