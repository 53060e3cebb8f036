import { describe, expect, it } from "vitest";
import { makeCircleKey, makeExchangeKeys, securityCode, unwrapCircleKey, wrapCircleKey } from "../../client/voice/e2ee/crypto.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { VoiceKeyDelivery, VoiceKeyRotation } from "../../shared/voice-keys.ts";
import { VoiceKeys } from "../../server/rooms/voice-keys.ts";
import { gatedRoom, type Sent } from "./support/gate-harness.ts";

/** The key relay behind the real message gate, as the room wires it. */
function harness() {
  const room = gatedRoom();
  const keys = new VoiceKeys({
    participants: () => room.participants.values(),
    clientOf: (id) => room.clients.get(id)?.client,
    refuse: room.refuse,
    now: () => Date.now(),
  });
  room.open({
    [ClientMessage.VoiceKeyPublish]: (client, publish, sender) => keys.handlePublish(client, publish, sender),
    [ClientMessage.VoiceKeyShare]: (client, share, sender) => keys.handleShare(client, share, sender),
  });
  const add = async (id: string, space = "main") => {
    const gated = room.add(id, space);
    const own = await makeExchangeKeys();
    gated.send(ClientMessage.VoiceKeyPublish, { publicKey: own.publicKey });
    return { ...gated, own };
  };
  const remove = (id: string) => {
    room.remove(id);
    keys.check();
  };
  return { keys, add, remove, participants: room.participants };
}

const rotations = (inbox: Sent[]) => inbox.filter((m) => m.type === ServerMessage.VoiceKeyRotate).map((m) => m.message as VoiceKeyRotation);
const deliveries = (inbox: Sent[]) => inbox.filter((m) => m.type === ServerMessage.VoiceKeyDeliver).map((m) => m.message as VoiceKeyDelivery);
const errors = (inbox: Sent[]) => inbox.filter((m) => m.type === ServerMessage.Error);

describe("when people join and leave a space with encrypted voice", () => {
  it("starts a new epoch each time, names the lowest id as keyer, and relays wrapped keys to members only", async () => {
    const h = harness();
    const a = await h.add("a");
    const b = await h.add("b");
    const rotation = rotations(b.inbox).at(-1)!;
    expect(rotation).toMatchObject({ space: "main", keyer: "a" });
    expect(rotation.members.map((m) => m.id)).toEqual(["a", "b"]);

    const key = makeCircleKey();
    const place = { space: "main", epoch: rotation.epoch, from: "a", to: "b" };
    const sealed = await wrapCircleKey(key, a.own, rotation.members[1]!.publicKey, place);
    a.send(ClientMessage.VoiceKeyShare, { space: "main", epoch: rotation.epoch, keys: [{ to: "b", ...sealed }, { to: "stranger", ...sealed }] });
    const delivered = deliveries(b.inbox);
    expect(delivered).toHaveLength(1);
    expect(await unwrapCircleKey(delivered[0]!, b.own, delivered[0]!.fromKey, place)).toBe(key);

    const c = await h.add("c");
    const withC = rotations(c.inbox).at(-1)!;
    expect(withC.epoch).toBeGreaterThan(rotation.epoch);
    h.remove("c");
    const afterC = rotations(a.inbox).at(-1)!;
    expect(afterC.epoch).toBeGreaterThan(withC.epoch);
    expect(afterC.members.map((m) => m.id)).toEqual(["a", "b"]);
    expect(rotations(c.inbox).some((r) => r.epoch === afterC.epoch)).toBe(false);
  });

  it("refuses a share from anyone but the keyer, for an old epoch, or malformed, and relays nothing", async () => {
    const h = harness();
    const a = await h.add("a");
    const b = await h.add("b");
    const epoch = rotations(a.inbox).at(-1)!.epoch;
    const blob = { to: "a", iv: "AAAAAAAAAAAAAAAA", wrapped: "B".repeat(40) };
    b.send(ClientMessage.VoiceKeyShare, { space: "main", epoch, keys: [blob] });
    a.send(ClientMessage.VoiceKeyShare, { space: "main", epoch: epoch - 1, keys: [{ ...blob, to: "b" }] });
    a.send(ClientMessage.VoiceKeyShare, { space: "main", epoch, keys: [{ ...blob, to: "b", wrapped: "<script>" }] });
    b.send(ClientMessage.VoiceKeyPublish, { publicKey: "short" });
    expect(deliveries(a.inbox)).toHaveLength(0);
    expect(deliveries(b.inbox)).toHaveLength(0);
    expect(errors(b.inbox).length).toBe(2);
    expect(errors(a.inbox).length).toBe(2);
    expect(h.participants.get("b")!.voiceKey).toHaveLength(87); // the bad key changed nothing
  });

  it("keeps the waiting room out of the key, and gives a breakout its own epochs", async () => {
    const h = harness();
    await h.add("a");
    const w = await h.add("w", "waiting");
    const x = await h.add("x", "breakout:one");
    expect(rotations(w.inbox)).toHaveLength(0);
    expect(rotations(x.inbox).at(-1)).toMatchObject({ space: "breakout:one", keyer: "x" });
  });
});

describe("the security code", () => {
  it("is six digits that every holder of the key sees alike, and changes with the key", async () => {
    const key = makeCircleKey();
    expect(await securityCode(key)).toMatch(/^\d{3} \d{3}$/);
    expect(await securityCode(key)).toBe(await securityCode(key));
    expect(await securityCode(makeCircleKey())).not.toBe(await securityCode(key));
  });

  it("cannot be unwrapped by anyone else, nor for another epoch", async () => {
    const [a, b, eve] = await Promise.all([makeExchangeKeys(), makeExchangeKeys(), makeExchangeKeys()]);
    const place = { space: "main", epoch: 3, from: "a", to: "b" };
    const sealed = await wrapCircleKey("secret", a, b.publicKey, place);
    expect(await unwrapCircleKey(sealed, eve, a.publicKey, place)).toBeNull();
    expect(await unwrapCircleKey(sealed, b, a.publicKey, { ...place, epoch: 4 })).toBeNull();
    expect(await unwrapCircleKey(sealed, b, a.publicKey, place)).toBe("secret");
  });
});
