import type { Client } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { CaptionMessage, CAPTION_RATE_LINES } from "../../shared/captions.ts";
import { CircleCaptions } from "../../server/rooms/captions.ts";
import { Participant } from "../../server/rooms/state.ts";

function room() {
  const seated: { client: Client; participant: Participant; inbox: { type: string; message: unknown }[] }[] = [];
  const apart = new Set<string>();
  const captions = new CircleCaptions({
    now: () => Date.now(),
    participant: (id) => seated.find((s) => s.participant.id === id)?.participant,
    seated: () => seated,
    canSee: (viewer, sender) => !apart.has(`${viewer}>${sender}`),
    refuse: (client, type, code) => client.send("error", { type, code }),
  });
  const add = (id: string, space = "main") => {
    const participant = new Participant();
    participant.id = id;
    participant.space = space;
    const inbox: { type: string; message: unknown }[] = [];
    const client = { sessionId: id, send: (type: string, message: unknown) => inbox.push({ type, message }) } as unknown as Client;
    seated.push({ client, participant, inbox });
    return { client, participant, inbox };
  };
  return { captions, add, apart };
}

const lines = (inbox: { type: string; message: unknown }[]) => inbox.filter((m) => m.type === CaptionMessage.Line);

describe("when someone captions their voice or sends a quick phrase", () => {
  it("relays a filtered line to their space, minus anyone kept apart by a block", () => {
    const r = room();
    const a = r.add("a");
    const b = r.add("b");
    const c = r.add("c");
    const elsewhere = r.add("d", "breakout:x");
    r.apart.add("c>a");
    a.participant.captions = true;
    r.captions.handleSend(a.client, { kind: "speech", text: "  I felt heard today  " });
    expect(lines(b.inbox)).toEqual([{ type: "caption", message: expect.objectContaining({ from: "a", kind: "speech", text: "I felt heard today" }) }]);
    expect(lines(c.inbox)).toHaveLength(0);
    expect(lines(elsewhere.inbox)).toHaveLength(0);
    r.captions.handleSend(a.client, { kind: "phrase", text: "Thank you" });
    expect(lines(b.inbox)).toHaveLength(2);
  });

  it("refuses speech captions without the captions mark, malformed lines, and floods", () => {
    const r = room();
    const a = r.add("a");
    const b = r.add("b");
    r.captions.handleSend(a.client, { kind: "speech", text: "hidden" });
    r.captions.handleSend(a.client, { kind: "phrase", text: "" });
    r.captions.handleSend(a.client, { kind: "shout", text: "x" });
    expect(lines(b.inbox)).toHaveLength(0);
    expect(a.inbox.map((m) => (m.message as { code: string }).code)).toEqual(["not_allowed", "invalid_message", "invalid_message"]);
    for (let i = 0; i < CAPTION_RATE_LINES; i++) r.captions.handleSend(a.client, { kind: "phrase", text: "Yes" });
    expect(a.inbox.at(-1)).toMatchObject({ type: "error", message: { code: "rate_limited" } });
  });
});
