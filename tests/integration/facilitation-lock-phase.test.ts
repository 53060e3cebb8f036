/**
 * Facilitator controls and the guided circle flow (issue 5) through real colyseus.js clients against an in-process Hearth: phases, ending the session, and the lock across a restart or an empty room.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/protocol.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { type FacilitatorAction } from "../../shared/facilitation.ts";
import {
  hearth,
  colyseus,
  participant,
  facilitator,
  facilitate,
  seen,
  allSeeEachOther,
  closeCode,
  noticeOf,
  auditEntry,
  startTestHearth,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

describe("phases", () => {
  it("set phase moves the circle on and restarts the phase timer", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f, p);
    expect(p.room.state.phase).toBe("arrival");
    const before = p.room.state.phaseStartedAt;
    await sleep(20);
    const asked = Date.now();

    facilitate(f, { action: "setPhase", phase: "checkin" });
    await waitFor("check-in", () => p.room.state.phase === "checkin");
    expect(p.room.state.phaseStartedAt).toBeGreaterThan(before);
    expect(p.room.state.phaseStartedAt).toBeGreaterThanOrEqual(asked - 5);
    expect(p.room.state.phaseStartedAt).toBeLessThanOrEqual(Date.now());
    expect(await auditEntry(f, /^setPhase\b/)).toMatchObject({ target: null });
  });
});

describe("ending the session", () => {
  it.each([
    ["end session", { action: "endSession" } as FacilitatorAction],
    ["the End phase", { action: "setPhase", phase: "ended" } as FacilitatorAction],
  ])("%s: tells everyone, then closes every connection with 4100", async (_what, action) => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    const token = a.room.reconnectionToken;

    facilitate(f, action);
    for (const person of [f, a, b]) {
      expect(await closeCode(person)).toBe(CloseCode.SessionEnded);
      expect(person.events).toEqual(["notice:session-ended", `closed:${CloseCode.SessionEnded}`]);
      expect(person.notices[0]).toEqual({ kind: "session-ended", message: "The facilitator has ended the session. Thank you for being here." });
    }
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
  });

  it("does not seat a newcomer in the session that is ending: they start a fresh one", async () => {
    const f = await facilitator("Sam Facilitator");
    const ended = f.room.roomId;
    facilitate(f, { action: "endSession" });
    await noticeOf(f, "session-ended");
    const late = await participant("Quiet Otter");
    expect(late.room.roomId).not.toBe(ended);
    await sleep(400);
    expect(late.room.connection.isOpen).toBe(true);
    expect(late.room.state.phase).toBe("arrival");
  });
});

// ---------------------------------------------------------------------------------- talking piece

describe("a lock across a server restart", () => {
  it("keeps newcomers in the waiting room after Hearth restarts, until a facilitator unlocks", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("the lock", () => f.room.state.locked);
    await sleep(100); // the lock is written down asynchronously

    await hearth.close(); // a shutdown, not an emptied circle: the lock stays
    await startTestHearth();
    const late = await participant("Late Heron");
    expect(late.room.state.locked).toBe(true);
    expect(seen(late, late)?.space).toBe("waiting");

    const g = await facilitator("Sam Again");
    facilitate(g, { action: "unlock" });
    await waitFor("unlocked", () => !g.room.state.locked);
    const next = await participant("Early Oak");
    expect(seen(next, next)?.space).toBe("main");
  });
});

describe("a lock when everyone has left", () => {
  it("is lifted, so the next people to come start an open session", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("the lock", () => f.room.state.locked);
    await colyseus.cleanup(); // everyone leaves: the room closes
    await sleep(200);
    const next = await participant("Early Oak");
    expect(next.room.state.locked).toBe(false);
    expect(seen(next, next)?.space).toBe("main");
  });
});
