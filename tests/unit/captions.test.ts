import { afterEach, describe, expect, it, vi } from "vitest";
import { CAPTION_RATE_LINES } from "../../shared/captions.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { CircleCaptions } from "../../server/rooms/captions.ts";
import { gatedRoom, type Sent } from "./support/gate-harness.ts";

/** The caption relay behind the real message gate, as the room wires it. */
function room() {
  const gated = gatedRoom();
  const apart = new Set<string>();
  const captions = new CircleCaptions({
    now: () => Date.now(),
    seated: () => [...gated.clients.values()],
    canSee: (viewer, sender) => !apart.has(`${viewer}>${sender}`),
    refuse: gated.refuse,
  });
  gated.open({ [ClientMessage.Caption]: (client, caption, sender) => captions.handleSend(client, caption, sender) });
  return { captions, add: gated.add, apart };
}

const lines = (inbox: Sent[]) => inbox.filter((m) => m.type === ServerMessage.Caption);

describe("when someone captions their voice or sends a quick phrase", () => {
  it("relays a filtered line to their space, minus anyone kept apart by a block", () => {
    const r = room();
    const a = r.add("a");
    const b = r.add("b");
    const c = r.add("c");
    const elsewhere = r.add("d", "breakout:x");
    r.apart.add("c>a");
    a.participant.captions = true;
    a.send(ClientMessage.Caption, { kind: "speech", text: "  I felt heard today  " });
    expect(lines(b.inbox)).toEqual([{ type: "caption", message: expect.objectContaining({ from: "a", kind: "speech", text: "I felt heard today" }) }]);
    expect(lines(c.inbox)).toHaveLength(0);
    expect(lines(elsewhere.inbox)).toHaveLength(0);
    a.send(ClientMessage.Caption, { kind: "phrase", text: "Thank you" });
    expect(lines(b.inbox)).toHaveLength(2);
  });

  it("refuses speech captions without the captions mark, malformed lines, and floods", () => {
    const r = room();
    const a = r.add("a");
    const b = r.add("b");
    a.send(ClientMessage.Caption, { kind: "speech", text: "hidden" });
    a.send(ClientMessage.Caption, { kind: "phrase", text: "" });
    a.send(ClientMessage.Caption, { kind: "shout", text: "x" });
    expect(lines(b.inbox)).toHaveLength(0);
    expect(a.inbox.map((m) => (m.message as { code: string }).code)).toEqual(["not_allowed", "invalid_message", "invalid_message"]);
    for (let i = 0; i < CAPTION_RATE_LINES; i++) a.send(ClientMessage.Caption, { kind: "phrase", text: "Yes" });
    expect(a.inbox.at(-1)).toMatchObject({ type: "error", message: { code: "rate_limited" } });
  });

  it("holds a speaker to the captions' own pace beyond the room's message limit", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const r = room();
    const a = r.add("a");
    const b = r.add("b");
    for (let i = 0; i <= CAPTION_RATE_LINES; i++) {
      vi.setSystemTime(Date.now() + 400); // slower than the gate's limit: only the captions' window counts
      a.send(ClientMessage.Caption, { kind: "phrase", text: "Yes" });
    }
    expect(lines(b.inbox)).toHaveLength(CAPTION_RATE_LINES);
    expect(a.inbox.filter((m) => m.type === ServerMessage.Error)).toEqual([{ type: "error", message: expect.objectContaining({ code: "rate_limited", message: expect.stringMatching(/Captions are coming quickly/) }) }]);
  });

  it("shows no captions of a muted voice, but still its quick phrases", () => {
    const r = room();
    const a = r.add("a");
    const b = r.add("b");
    a.participant.captions = true;
    a.participant.micAllowed = false; // a facilitator's hard mute, or not their turn in a round
    a.send(ClientMessage.Caption, { kind: "speech", text: "said while muted" });
    a.participant.micAllowed = true;
    a.participant.muted = true;
    a.send(ClientMessage.Caption, { kind: "speech", text: "said while self-muted" });
    a.send(ClientMessage.Caption, { kind: "phrase", text: "I agree" });
    expect(lines(b.inbox).map((m) => (m.message as { text: string }).text)).toEqual(["I agree"]);
    expect(a.inbox.filter((m) => m.type === ServerMessage.Error).map((m) => (m.message as { code: string }).code)).toEqual(["not_allowed", "not_allowed"]);
  });
});

afterEach(() => {
  vi.useRealTimers();
});
