/**
 * Issue 18: a facilitator's mute and removal stick to the participant's device key for the rest of
 * the session, across leave and rejoin and a server restart (written to the store every process shares).
 */
import { describe, expect, it } from "vitest";
import { sleep, waitFor } from "../support/wait.ts";
import {
  facilitate,
  facilitator,
  hearth,
  join,
  nextError,
  participant,
  seen,
  startTestHearth,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

const sanctionRows = () => hearth.scheduling.db.query<{ kind: string; session_key: string }>("SELECT kind, session_key FROM session_sanctions");

describe("when a muted participant leaves and joins again with the same key", () => {
  it("comes back muted by the facilitator, and stays muted after a server restart, until allowed", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    facilitate(f, { action: "mute", target: a.id });
    await waitFor("A muted", () => seen(f, a)?.micAllowed === false);
    await waitFor("the mute written down", async () => (await sanctionRows()).some((r) => r.kind === "muted"));
    expect((await sanctionRows())[0]!.session_key).toMatch(/^open:\d{4}-\d{2}-\d{2}$/);

    await a.room.leave();
    const again = await join("Another Otter", { participantKey: a.participantKey });
    await waitFor("the rejoin seen", () => seen(f, again));
    expect(seen(again, again)).toMatchObject({ mutedByFacilitator: true, micAllowed: false, muted: true });
    again.room.send("selfMute", { muted: false });
    expect((await nextError(again)).code).toBe("not_allowed");

    await hearth.close();
    await startTestHearth();
    const afterRestart = await join("Third Otter", { participantKey: a.participantKey });
    expect(seen(afterRestart, afterRestart)).toMatchObject({ mutedByFacilitator: true, micAllowed: false });

    const g = await facilitator("Sam Again");
    await waitFor("both seen", () => seen(g, afterRestart));
    facilitate(g, { action: "allowToSpeak", target: afterRestart.id });
    await waitFor("allowed", () => seen(g, afterRestart)?.micAllowed === true);
    await waitFor("the mute lifted in the store", async () => !(await sanctionRows()).some((r) => r.kind === "muted"));
    await afterRestart.room.leave();
    const free = await join("Fourth Otter", { participantKey: a.participantKey });
    expect(seen(free, free)).toMatchObject({ mutedByFacilitator: false, micAllowed: true });
  });

  it("does not carry a mute over to a different key", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Calm Lake");
    facilitate(f, { action: "mute", target: a.id });
    await waitFor("muted", () => seen(f, a)?.micAllowed === false);
    await a.room.leave();
    const other = await participant("Calm Lake");
    expect(seen(other, other)).toMatchObject({ mutedByFacilitator: false, micAllowed: true });
  });
});

describe("when a removed participant tries to come back", () => {
  it("is refused for the rest of the session with the same key, right away and after a restart", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Brave Wren");
    await waitFor("A seen", () => seen(f, a));
    facilitate(f, { action: "remove", target: a.id });
    await waitFor("A gone", () => !seen(f, a));
    // No pause: the room's own memory refuses a rejoin that beats the store write.
    await expect(join("Other Wren", { participantKey: a.participantKey })).rejects.toThrow(/asked you to leave this session/);
    await sleep(100);
    await hearth.close();
    await startTestHearth();
    await expect(join("Third Wren", { participantKey: a.participantKey })).rejects.toThrow(/asked you to leave this session/);
    expect(await participant("Someone Else")).toBeDefined();
  });
});
