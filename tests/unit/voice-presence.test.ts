import { describe, expect, it } from "vitest";
import { Participant } from "../../server/rooms/state.ts";
import { VoicePresence } from "../../server/rooms/voice-presence.ts";
import type { VoiceService } from "../../server/voice/service.ts";

function person(id: string, space = "main"): Participant {
  const p = new Participant();
  p.id = id;
  p.space = space;
  return p;
}

/** A voice service whose listing is whatever the test says, or a failure. */
function fakeVoice() {
  const listing = new Map<string, { identity: string; sid: string }[]>();
  const fake = {
    listing,
    down: false,
    /** Runs before the listing answers: lets a webhook arrive while a check is under way. */
    whileListing: undefined as (() => void) | undefined,
    async participantsIn(_roomId: string, space = "main") {
      fake.whileListing?.();
      if (fake.down) throw new Error("connect ECONNREFUSED");
      return listing.get(space) ?? [];
    },
  };
  return fake;
}

function setup(people: Participant[]) {
  const voice = fakeVoice();
  const found: string[] = [];
  const listed: string[] = [];
  const presence = new VoicePresence({
    roomId: () => "room-1",
    participants: () => people,
    voice: () => voice as unknown as VoiceService,
    foundInVoice: (p) => found.push(p.id),
    listedInVoice: (p) => listed.push(p.id),
  });
  return { voice, presence, found, listed };
}

describe("voice presence", () => {
  it("follows webhooks, and ignores a stale connection's 'left'", () => {
    const a = person("a");
    const { presence } = setup([a]);
    presence.joined(a, "sid-1");
    presence.joined(a, "sid-2");
    expect(presence.left(a, "sid-1")).toBe(false);
    expect(a.voiceConnected).toBe(true);
    expect(presence.left(a, "sid-2")).toBe(true);
    expect(a.voiceConnected).toBe(false);
  });

  it("corrects lost webhooks from LiveKit's listing, per space", async () => {
    const a = person("a");
    const b = person("b", "breakout:pines");
    const waiting = person("w", "waiting");
    const { voice, presence, found } = setup([a, b, waiting]);
    presence.joined(a, "sid-a"); // its "left" was lost
    voice.listing.set("breakout:pines", [{ identity: "b", sid: "sid-b" }]); // its "joined" was lost
    voice.listing.set("main", [{ identity: "w", sid: "sid-w" }]); // not in main: stays out
    await new Promise((resolve) => setTimeout(resolve, 1)); // the webhook is older than the check
    await presence.check();
    expect([a.voiceConnected, b.voiceConnected, waiting.voiceConnected]).toEqual([false, true, false]);
    expect(found).toEqual(["b"]);
    // The listing's sid is now the current one: its "left" counts.
    expect(presence.left(b, "sid-b")).toBe(true);
  });

  it("counts an unreachable LiveKit as nobody in voice", async () => {
    const a = person("a");
    const { voice, presence } = setup([a]);
    presence.joined(a, "sid-a");
    voice.down = true;
    await new Promise((resolve) => setTimeout(resolve, 1));
    await presence.check();
    expect(a.voiceConnected).toBe(false);
  });

  it("lets a webhook that arrives during a check win over the listing", async () => {
    const a = person("a");
    const { voice, presence } = setup([a]);
    voice.whileListing = () => presence.joined(a, "sid-new");
    await presence.check();
    expect(a.voiceConnected).toBe(true);
  });

  it("hands every participant LiveKit lists to the room on each check, not only newcomers (mutes are re-applied)", async () => {
    const a = person("a");
    const b = person("b");
    const gone = person("gone");
    const { voice, presence, listed } = setup([a, b, gone]);
    presence.joined(a, "sid-a");
    voice.listing.set("main", [
      { identity: "a", sid: "sid-a" },
      { identity: "b", sid: "sid-b" },
    ]);
    await presence.check();
    await presence.check();
    // a's webhook is newer than the first listing; it is re-applied all the same.
    expect(listed).toEqual(["a", "b", "a", "b"]);
  });
});
