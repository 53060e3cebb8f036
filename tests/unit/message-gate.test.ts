import type { Client } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { type GateHost, MessageGate } from "../../server/rooms/message-gate.ts";
import { Participant } from "../../server/rooms/state.ts";
import { ClientMessage, type ErrorReply, ServerMessage } from "../../shared/protocol.ts";

/** A room stand-in that records what the gate registers and lets a test deliver messages. */
function fakeRoom() {
  const handlers = new Map<string, (client: Client, raw: unknown) => void>();
  let any: ((client: Client, type: unknown) => void) | undefined;
  const sender = new Participant();
  sender.id = "s1";
  const disconnected: string[] = [];
  const host: GateHost = {
    roomId: "room",
    participant: (id) => (id === sender.id ? sender : undefined),
    onMessage: (type, callback) => handlers.set(type, callback),
    onAnyMessage: (callback) => (any = callback),
    disconnect: (client) => disconnected.push(client.sessionId),
  };
  const sent: ErrorReply[] = [];
  const client = { sessionId: sender.id, send: (type: string, reply: ErrorReply) => type === ServerMessage.Error && sent.push(reply) } as unknown as Client;
  const deliver = (type: string, raw: unknown) => (handlers.get(type) ? handlers.get(type)!(client, raw) : any?.(client, type));
  return { host, handlers, deliver, sent, disconnected };
}

const everyOtherMessage = (gate: MessageGate, except: string[] = []) => {
  const noop = () => {};
  const names = Object.values(ClientMessage).filter((name) => name !== ClientMessage.Pose && !except.includes(name));
  gate.register(Object.fromEntries(names.map((name) => [name, noop])));
  gate.registerPose(noop);
};

describe("when features register their messages with the gate", () => {
  it("refuses a second handler for the same message", () => {
    const gate = new MessageGate(fakeRoom().host);
    gate.register({ [ClientMessage.RaiseHand]: () => {} });
    expect(() => gate.register({ [ClientMessage.RaiseHand]: () => {} })).toThrow(/already has a handler/);
  });

  it("refuses to open for messages when one in shared/protocol.ts has no handler", () => {
    const gate = new MessageGate(fakeRoom().host);
    everyOtherMessage(gate, [ClientMessage.Report]);
    expect(() => gate.seal()).toThrow(/No handler for client messages: report/);
  });
});

describe("when a message passes the gate", () => {
  it("reaches its handler only once it matches its schema, and a refusal costs a strike", () => {
    const room = fakeRoom();
    const gate = new MessageGate(room.host);
    const raised: boolean[] = [];
    everyOtherMessage(gate, [ClientMessage.RaiseHand]);
    gate.register({ [ClientMessage.RaiseHand]: (_c, { raised: up }) => raised.push(up) });
    gate.seal();
    gate.admit("s1");
    room.deliver(ClientMessage.RaiseHand, { raised: true });
    room.deliver(ClientMessage.RaiseHand, { raised: "yes" });
    room.deliver("nonsense", {});
    expect(raised).toEqual([true]);
    expect(room.sent.map((r) => [r.type, r.code])).toEqual([
      [ClientMessage.RaiseHand, "invalid_message"],
      ["nonsense", "unknown_message"],
    ]);
  });

  it("rate-limits block and unblock like every other message, and disconnects a client out of strikes", () => {
    const room = fakeRoom();
    const gate = new MessageGate(room.host);
    everyOtherMessage(gate);
    gate.seal();
    gate.admit("s1");
    for (let i = 0; i < 200 && room.disconnected.length === 0; i++) room.deliver(ClientMessage.Block, { target: "someone" });
    expect(room.sent.some((r) => r.type === ClientMessage.Block && r.code === "rate_limited")).toBe(true);
    expect(room.disconnected).toEqual(["s1"]);
  });
});
