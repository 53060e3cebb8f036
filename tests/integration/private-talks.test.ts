/**
 * A facilitator's private 1:1 conversation (issue 14) through real colyseus.js clients: who may
 * open one, that the two vanish from everyone else's state and chat, that they may speak whatever
 * the circle's mutes and round, and that both go back to their seats when it ends, however it ends.
 */
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../shared/chat.ts";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { sleep, waitFor } from "../support/wait.ts";
import {
  allSeeEachOther,
  auditEntry,
  facilitate,
  facilitator,
  nextError,
  noticeOf,
  participant,
  type Person,
  seen,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

function chatsOf(who: Person): ChatMessage[] {
  const chats: ChatMessage[] = [];
  who.room.onMessage(ServerMessage.Chat, (m: ChatMessage) => chats.push(m));
  return chats;
}

async function circleOfThree() {
  const f = await facilitator("Sam Facilitator");
  const a = await participant("Quiet Otter");
  const c = await participant("Steady Heron");
  await allSeeEachOther(f, a, c);
  return { f, a, c, seatF: seen(f, f)!.seat, seatA: seen(f, a)!.seat };
}

const inTalk = (viewer: Person, who: Person) => isPrivateTalk(seen(viewer, who)?.space ?? "");

describe("a private conversation", () => {
  it("takes the facilitator and the participant into a space of their own that nobody else sees", async () => {
    const { f, a, c } = await circleOfThree();
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("both in the talk", () => inTalk(f, a) && inTalk(f, f) && inTalk(a, a));
    expect(seen(a, f)?.space).toBe(seen(a, a)?.space); // the two see each other there
    await waitFor("C to no longer receive either of them", () => !seen(c, a) && !seen(c, f));
    expect((await noticeOf(a, "private-talk-started")).message).toContain("Sam Facilitator");
    expect((await noticeOf(f, "private-talk-started")).message).toContain("Quiet Otter");
    await auditEntry(f, /talkPrivately/);
  });

  it("carries chat between the two only", async () => {
    const { f, a, c } = await circleOfThree();
    const [fChats, aChats, cChats] = [chatsOf(f), chatsOf(a), chatsOf(c)];
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("A in the talk", () => inTalk(a, a) && inTalk(f, f));
    a.room.send(ClientMessage.Chat, { text: "thanks for making time" });
    f.room.send(ClientMessage.Chat, { text: "of course, take your time" });
    c.room.send(ClientMessage.Chat, { text: "hello circle" });
    await waitFor("F and A to have both private lines", () => fChats.length === 2 && aChats.length === 2);
    await sleep(200);
    expect(cChats.map((m) => m.text)).toEqual(["hello circle"]);
    expect(aChats.map((m) => m.text)).toEqual(["thanks for making time", "of course, take your time"]);
  });

  it("lets the two speak whatever the circle's mutes and round, and the circle's chat pause does not reach them", async () => {
    const { f, a, c } = await circleOfThree();
    facilitate(f, { action: "mute", target: a.id });
    await waitFor("A muted", () => seen(a, a)?.micAllowed === false);
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("A may speak in the talk", () => inTalk(a, a) && seen(a, a)?.micAllowed === true);
    f.room.send(ClientMessage.ChatModerate, { action: "pause", paused: true });
    await waitFor("chat paused", () => f.room.state.chatPaused);
    const [fChats, aChats] = [chatsOf(f), chatsOf(a)];
    a.room.send(ClientMessage.Chat, { text: "still here" });
    await waitFor("F to get A's line despite the pause", () => fChats.length === 1 && aChats.length === 1);
    c.room.send(ClientMessage.Chat, { text: "hello?" });
    expect((await nextError(c, 0)).message).toMatch(/paused/);
  });

  it("ends when the participant leaves it: both go back to their own seats, the mute as it was", async () => {
    const { f, a, c, seatF, seatA } = await circleOfThree();
    facilitate(f, { action: "mute", target: a.id });
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("A in the talk", () => inTalk(a, a));
    a.room.send(ClientMessage.LeavePrivateTalk, {});
    await waitFor("both back in the main circle", () => seen(f, a)?.space === "main" && seen(f, f)?.space === "main");
    expect(seen(f, a)?.seat).toBe(seatA);
    expect(seen(f, f)?.seat).toBe(seatF);
    await waitFor("C to see both again", () => seen(c, a) && seen(c, f));
    await waitFor("A muted again in the circle", () => seen(a, a)?.micAllowed === false);
    expect((await noticeOf(f, "private-talk-ended")).kind).toBe("private-talk-ended");
    await noticeOf(a, "private-talk-ended");
  });

  it("ends for the participant when the facilitator leaves the circle", async () => {
    const { f, a, c } = await circleOfThree();
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("A in the talk", () => inTalk(a, a));
    await f.room.leave(true);
    await waitFor("A back in the main circle", () => seen(a, a)?.space === "main");
    await waitFor("C to see A again", () => seen(c, a)?.space === "main");
  });

  it("ends for the other when a co-facilitator moves one of them elsewhere", async () => {
    const { f, a } = await circleOfThree();
    const f2 = await facilitator("Robin Cofacilitator");
    await allSeeEachOther(f2, a);
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("A in the talk", () => inTalk(f2, a));
    facilitate(f2, { action: "sendToBreakout", target: a.id, breakout: "garden" });
    await waitFor("A in the garden, F back in the circle", () => seen(f2, a)?.space === "breakout:garden" && seen(f2, f)?.space === "main");
  });

  it("someone from the waiting room goes back to the waiting room afterwards", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);
    const w = await participant("Quiet Otter");
    await waitFor("F to see W waiting", () => seen(f, w)?.space === "waiting");
    facilitate(f, { action: "talkPrivately", target: w.id });
    await waitFor("W in the talk", () => inTalk(w, w));
    f.room.send(ClientMessage.LeavePrivateTalk, {});
    await waitFor("W waiting again", () => seen(w, w)?.space === "waiting");
  });

  it("is a facilitator's action only, one talk at a time, and never with oneself", async () => {
    const { f, a, c } = await circleOfThree();
    facilitate(a, { action: "talkPrivately", target: c.id });
    expect(await nextError(a, 0)).toMatchObject({ code: "not_allowed", message: "Only the circle's facilitators can do that." });
    await auditEntry(a, /refused:talkPrivately/);
    facilitate(f, { action: "talkPrivately", target: f.id });
    expect((await nextError(f, 0)).message).toBe("You can't do that to yourself.");
    facilitate(f, { action: "talkPrivately", target: a.id });
    await waitFor("A in the talk", () => inTalk(a, a));
    facilitate(f, { action: "talkPrivately", target: c.id });
    expect((await nextError(f, 1)).message).toMatch(/private conversation already/);
    expect(seen(c, c)?.space).toBe("main");
    c.room.send(ClientMessage.LeavePrivateTalk, {});
    expect((await nextError(c, 0)).message).toBe("You are not in a private conversation.");
    c.room.send(ClientMessage.LeavePrivateTalk, { extra: 1 });
    expect((await nextError(c, 1)).code).toBe("invalid_message");
  });
});
