import { describe, expect, it } from "vitest";
import { holder, isOver, passPiece, startRound } from "../../server/rooms/facilitation/talking-piece.ts";
import { mayFacilitate, mayPublish } from "../../server/rooms/facilitation/speaking.ts";

const members = [
  { id: "f", seat: 0 },
  { id: "a", seat: 1 },
  { id: "b", seat: 3 },
  { id: "c", seat: 7 },
];
const everyone = () => true;

describe("a talking-piece round", () => {
  it("starts with the first seat after the facilitator and goes round the circle", () => {
    let round = startRound(members, 3);
    const seen: (string | null)[] = [];
    while (!isOver(round)) {
      seen.push(holder(round));
      round = passPiece(round, everyone);
    }
    expect(seen).toEqual(["c", "f", "a", "b"]);
    expect(holder(round)).toBeNull();
  });

  it("skips people who left or stepped out", () => {
    let round = startRound(members, 0);
    expect(holder(round)).toBe("a");
    round = passPiece(round, (id) => id !== "b");
    expect(holder(round)).toBe("c");
  });

  it("is over at once when nobody can hold the piece", () => {
    expect(isOver(startRound([], 0))).toBe(true);
  });
});

describe("who may speak", () => {
  const person = { role: "participant", mutedByFacilitator: false, inVoiceSpace: true };
  const open = { roundActive: false, roundHolder: null };

  it.each([
    ["anyone in open sharing", "a", person, open, true],
    ["nobody muted by a facilitator", "a", { ...person, mutedByFacilitator: true }, open, false],
    ["only the holder in a round", "a", person, { roundActive: true, roundHolder: "b" }, false],
    ["the holder in a round", "b", person, { roundActive: true, roundHolder: "b" }, true],
    ["facilitators at any time", "f", { ...person, role: "facilitator" }, { roundActive: true, roundHolder: "b" }, true],
    ["nobody in the waiting room", "f", { ...person, role: "facilitator", inVoiceSpace: false }, open, false],
  ])("%s", (_what, id, who, room, expected) => {
    expect(mayPublish(id, who, room)).toBe(expected);
  });

  it("lets only facilitators facilitate", () => {
    expect(mayFacilitate("facilitator")).toBe(true);
    expect(mayFacilitate("participant")).toBe(false);
    expect(mayFacilitate("")).toBe(false);
  });
});
