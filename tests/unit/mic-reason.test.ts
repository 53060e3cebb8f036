import { describe, expect, it } from "vitest";
import { micBlock, muteLabel } from "../../client/voice/mic-reason.ts";
import type { ParticipantSummary } from "../../client/net/connection.ts";

const me = (fields: Partial<ParticipantSummary>): ParticipantSummary => ({
  id: "me", pseudonym: "Quiet Otter", role: "participant", seat: 0, color: "#e07a5f", avatarStyle: "pebble", disguised: false, captions: false, muted: true, handRaised: false, away: false,
  connected: true, micAllowed: false, voiceConnected: true, space: "main", mutedByFacilitator: false, ...fields,
});
const round = { roundActive: true, roundHolder: "someone-else" };
const noRound = { roundActive: false, roundHolder: "" };

describe("when your microphone is off and you may not turn it on", () => {
  it("says you wait for the talking piece in a round, not that a facilitator muted you", () => {
    const block = micBlock(me({}), round);
    expect(block).toBe("round");
    expect(muteLabel(block, false, true)).toBe("Waiting for the talking piece");
  });

  it("says the facilitator muted you only when they did, round or not", () => {
    expect(micBlock(me({ mutedByFacilitator: true }), round)).toBe("facilitator");
    expect(muteLabel(micBlock(me({ mutedByFacilitator: true }), noRound), false, true)).toBe("Muted by facilitator");
  });

  it("says nothing is blocked once you may speak, and offers Unmute", () => {
    expect(micBlock(me({ micAllowed: true }), round)).toBeNull();
    expect(muteLabel(null, true, true)).toBe("Unmute");
    expect(muteLabel(null, true, false)).toBe("Mute");
  });

  it("says the microphone is off while you wait in the waiting room", () => {
    expect(muteLabel(micBlock(me({ space: "waiting" }), noRound), false, true)).toBe("Microphone off while you wait");
  });
});
