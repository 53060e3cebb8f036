/**
 * Facilitator controls and the guided circle flow (issue 5) through real colyseus.js clients against an in-process Hearth: remove and ban, also across a server restart.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/protocol.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { waitFor } from "../support/wait.ts";
import {
  hearth,
  colyseus,
  join,
  participant,
  facilitator,
  facilitate,
  seen,
  allSeeEachOther,
  closeCode,
  nextError,
  auditEntry,
  bansFor,
  startTestHearth,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

describe("remove", () => {
  it("ends the person's connection (4101) after telling them, frees their seat and refuses their reconnection token", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    a.room.send("raiseHand", { raised: true });
    await waitFor("A's hand", () => seen(f, a)?.handRaised);
    const token = a.room.reconnectionToken;

    facilitate(f, { action: "remove", target: a.id });
    expect(await closeCode(a)).toBe(CloseCode.Removed);
    expect(a.events).toEqual(["notice:removed", `closed:${CloseCode.Removed}`]);
    expect(a.notices).toEqual([{ kind: "removed", message: "A facilitator has asked you to leave this session." }]);
    await waitFor("A's seat freed", () => !seen(b, a.id));
    expect([...b.room.state.handQueue]).toEqual([]);
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    expect(await auditEntry(f, /^remove\b/)).toMatchObject({ actor_kind: "facilitator", target: a.id });
    // Only a removal from this session: they may come back through the door.
    const again = await participant("Quiet Otter");
    expect(seen(again, again)?.space).toBe("main");
  });

  it("also removes someone whose connection has dropped, so they cannot slip back in", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    const token = a.room.reconnectionToken;
    a.room.connection.close(4999); // not a consented leave: the seat is held for a reconnect
    await waitFor("A shown as reconnecting", () => seen(f, a)?.connected === false);

    facilitate(f, { action: "remove", target: a.id });
    await waitFor("A gone", () => !seen(f, a.id));
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    expect(f.errors).toEqual([]);
  });
});

describe("ban", () => {
  it("persists a ban of the person's device key, ends their connection and refuses them on a new join", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    const token = a.room.reconnectionToken;

    facilitate(f, { action: "ban", target: a.id });
    expect(await closeCode(a), JSON.stringify(f.errors)).toBe(CloseCode.Removed);
    expect(a.notices).toEqual([{ kind: "banned", message: "You can no longer take part in this circle." }]);
    expect(await bansFor(a.participantKey!)).toEqual([{ circle_id: OPEN_CIRCLE_ID }]);
    await waitFor("A's seat freed", () => !seen(b, a.id));
    expect(await auditEntry(f, /^ban\b/)).toMatchObject({ actor_kind: "facilitator", target: a.id });

    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    await expect(join("Another Name", { participantKey: a.participantKey })).rejects.toThrow(/cannot join this circle/);
    // Someone else with their own key is still welcome.
    await participant("Gentle Oak");
  });

  it("is refused for someone without a device key, with advice to remove instead; nothing changes", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await join("Quiet Otter"); // no participantKey
    await allSeeEachOther(f, a);
    facilitate(f, { action: "ban", target: a.id });
    expect(await nextError(f, 0)).toMatchObject({ code: "not_allowed", message: expect.stringMatching(/remove them instead/) });
    expect(a.room.connection.isOpen).toBe(true);
    expect(seen(f, a)).toBeDefined();
  });

  it("bans someone whose connection has dropped, so their reconnection token is refused", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    const token = a.room.reconnectionToken;
    a.room.connection.close(4999);
    await waitFor("A shown as reconnecting", () => seen(f, a)?.connected === false);

    facilitate(f, { action: "ban", target: a.id });
    await waitFor("A gone (or the ban refused)", () => !seen(f, a.id) || f.errors[0]);
    expect(f.errors).toEqual([]);
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    expect(await bansFor(a.participantKey!)).toEqual([{ circle_id: OPEN_CIRCLE_ID }]);
  });
});

describe("a ban across a server restart", () => {
  it("still refuses the banned key after Hearth restarts on the same data", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Restart Banned");
    await allSeeEachOther(f, a);
    facilitate(f, { action: "ban", target: a.id });
    expect(await closeCode(a), JSON.stringify(f.errors)).toBe(CloseCode.Removed);
    await colyseus.cleanup();

    await hearth.close();
    await startTestHearth();
    expect(await bansFor(a.participantKey!)).toEqual([{ circle_id: OPEN_CIRCLE_ID }]);
    await expect(join("Restart Banned", { participantKey: a.participantKey })).rejects.toThrow(/cannot join this circle/);
    await participant("Gentle Oak");
  });
});
