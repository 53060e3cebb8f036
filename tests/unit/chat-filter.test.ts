import { describe, expect, it } from "vitest";
import { ABUSE_FLAG_THRESHOLD, ABUSE_WINDOW_MS, AbuseCounter, filterChat } from "../../server/safety/chat-filter.ts";

describe("the chat filter", () => {
  it.each([
    ["this whole divorce is shit", "this whole divorce is ****", false],
    ["you are a fucking idiot", "you are a ****ing idiot", true],
    ["you're a retard", "you're a ******", true],
    ["he called me a f4g at school", "he called me a *** at school", true],
    ["sh1t happens", "**** happens", false],
  ])("masks %j as %j (abuse: %s)", (text, masked, abusive) => {
    expect(filterChat(text)).toEqual({ text: masked, masked: true, abusive });
  });

  it.each([
    "I was raped when I was 14",
    "my porn addiction is wrecking my marriage",
    "we haven't had sex in a year",
    "Scunthorpe is where I grew up",
    "I need to assess what happened",
    "thank you all for listening",
  ])("leaves %j as it is", (text) => {
    expect(filterChat(text)).toEqual({ text, masked: false, abusive: false });
  });
});

describe("repeated abuse", () => {
  it(`is flagged at the ${ABUSE_FLAG_THRESHOLD}rd abusive message within the window, once`, () => {
    const counter = new AbuseCounter();
    expect(counter.record(0)).toBe(false);
    expect(counter.record(1000)).toBe(false);
    expect(counter.record(2000)).toBe(true);
    expect(counter.record(3000)).toBe(false);
  });

  it("forgets abuse older than the window", () => {
    const counter = new AbuseCounter();
    counter.record(0);
    counter.record(1000);
    expect(counter.record(ABUSE_WINDOW_MS + 1000)).toBe(false);
  });
});
