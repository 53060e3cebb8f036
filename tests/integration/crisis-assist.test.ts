import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import { log } from "../../server/log.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { crisisCounts } from "../../server/safety/crisis-count.ts";
import { CHAT_COOL_DOWN_MS, type ChatCoolDownMessage, type ChatMessage } from "../../shared/chat.ts";
import type { SupportFlag, SupportOffer } from "../../shared/crisis-support.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { ClientMessage, type ErrorReply, type NoticeMessage, ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";
import { sleep, waitFor } from "../support/wait.ts";

const FACILITATOR_KEY = "crisis-assist-facilitator-key";
const SETTLE_MS = 400;
// Distinctive, so a hit in the store or the logs can only come from this test.
const CRISIS_TEXT = "honestly everyone would be better off without me, marmalade sky";
const PSEUDONYM = "Juniper Quarrystone";

interface Member {
  room: Room<CircleState>;
  id: string;
  chats: ChatMessage[];
  notices: NoticeMessage[];
  errors: ErrorReply[];
  flags: SupportFlag[];
  offers: SupportOffer[];
  coolDowns: ChatCoolDownMessage[];
}

let hearth: HearthServer;
let wsUrl: string;
let dataDir: string;
const members: Member[] = [];
const logged: string[] = [];

async function enter(pseudonym: string, extra: Record<string, unknown> = {}): Promise<Member> {
  const room = await new Client(wsUrl).joinOrCreate<CircleState>(ROOM_NAME, {
    circleId: OPEN_CIRCLE_ID,
    pseudonym,
    participantKey: newParticipantKey(),
    color: "#81b29a",
    ...extra,
  });
  const m: Member = { room, id: room.sessionId, chats: [], notices: [], errors: [], flags: [], offers: [], coolDowns: [] };
  room.onMessage(ServerMessage.Chat, (x: ChatMessage) => m.chats.push(x));
  room.onMessage(ServerMessage.Notice, (x: NoticeMessage) => m.notices.push(x));
  room.onMessage(ServerMessage.Error, (x: ErrorReply) => m.errors.push(x));
  room.onMessage(ServerMessage.SupportFlag, (x: SupportFlag) => m.flags.push(x));
  room.onMessage(ServerMessage.SupportOffer, (x: SupportOffer) => m.offers.push(x));
  room.onMessage(ServerMessage.ChatCoolDown, (x: ChatCoolDownMessage) => m.coolDowns.push(x));
  for (const type of [ServerMessage.VoiceTicket, ServerMessage.Poses, ServerMessage.Blocks, ServerMessage.Report, ServerMessage.ChatDeleted]) {
    room.onMessage(type, () => undefined);
  }
  await waitFor("own state", () => room.state.participants?.get(room.sessionId));
  members.push(m);
  return m;
}
const facilitator = (pseudonym: string) => enter(pseudonym, { facilitatorKey: FACILITATOR_KEY });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  for (const level of ["info", "warn", "error", "debug"] as const) {
    vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => void logged.push(JSON.stringify(args))) as never);
  }
  dataDir = mkdtempSync(path.join(tmpdir(), "hearth-crisis-"));
  const port = await freePort();
  hearth = await startHearth(
    loadConfig({ PORT: String(port), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: dataDir, FACILITATOR_KEY }),
  );
  wsUrl = `ws://127.0.0.1:${port}`;
});
afterEach(async () => {
  await Promise.all(members.splice(0).map((m) => m.room.leave(true).catch(() => undefined)));
});
afterAll(async () => {
  await hearth?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("when a participant's chat message shows crisis language", () => {
  it("tells the facilitators privately who and what kind, gives the writer the resources, and stores nothing", async () => {
    const f = await facilitator("Facilitator Rowan");
    const writer = await enter(PSEUDONYM);
    const other = await enter("Placid Heron");
    const before = crisisCounts().chatFlags;

    writer.room.send(ClientMessage.Chat, { text: CRISIS_TEXT });
    await waitFor("the facilitator's flag", () => f.flags.length === 1);
    await waitFor("the writer's offer", () => writer.offers.length === 1);

    expect(f.flags[0]).toMatchObject({ participantId: writer.id, pseudonym: PSEUDONYM, category: "self-harm", source: "chat" });
    expect(JSON.stringify(f.flags[0])).not.toContain("marmalade");
    expect(writer.offers[0]).toEqual({ category: "self-harm" });
    // The message still goes out (they chose to send it); nobody but the facilitators gets a flag.
    await waitFor("the other to get the message", () => other.chats.length === 1);
    await sleep(SETTLE_MS);
    expect(other.flags).toEqual([]);
    expect(other.offers).toEqual([]);
    expect(writer.flags).toEqual([]);
    expect(crisisCounts().chatFlags).toBe(before + 1);

    // The same again soon: the writer sees the resources again, the facilitators are not flooded.
    writer.room.send(ClientMessage.Chat, { text: "I just want to die" });
    await waitFor("a second offer", () => writer.offers.length === 2);
    await sleep(SETTLE_MS);
    expect(f.flags).toHaveLength(1);

    // Nothing in any table of the store, nothing in the logs but a count.
    const tables = await hearth.scheduling.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.length).toBeGreaterThan(3);
    for (const { table_name } of tables) {
      const rows = await hearth.scheduling.db.query(`SELECT * FROM "${table_name}"`);
      const dump = JSON.stringify(rows);
      expect(dump, table_name).not.toContain("marmalade");
      expect(dump, table_name).not.toContain(PSEUDONYM);
    }
    const logs = logged.join("\n");
    expect(logs).toContain("crisis assist");
    expect(logs).not.toContain("marmalade");
    expect(logs).not.toContain(PSEUDONYM);
    expect(logs).not.toContain("self-harm");
  });

  it("gives a facilitator who arrives later the open flag", async () => {
    const writer = await enter("Lonely Birch");
    writer.room.send(ClientMessage.Chat, { text: "ya no quiero estar aquí" });
    await waitFor("the offer", () => writer.offers.length === 1);
    const f = await facilitator("Facilitator Sol");
    await waitFor("the queued flag", () => f.flags.length === 1);
    expect(f.flags[0]).toMatchObject({ participantId: writer.id, category: "self-harm" });
  });

  it("does not flag figures of speech", async () => {
    const f = await facilitator("Facilitator Ada");
    const a = await enter("Merry Finch");
    a.room.send(ClientMessage.Chat, { text: "this film killed me, I'm dying to see the sequel" });
    a.room.send(ClientMessage.Chat, { text: "me muero de risa" });
    await waitFor("both relayed", () => a.chats.length === 2);
    await sleep(SETTLE_MS);
    expect(f.flags).toEqual([]);
    expect(a.offers).toEqual([]);
  });
});

describe("when someone asks to talk to the facilitator privately", () => {
  it("reaches the facilitators only, confirms to the asker, refuses bad payloads and limits repeats", async () => {
    const f = await facilitator("Facilitator Noor");
    const a = await enter("Shy Meadow");
    const b = await enter("Open Field");
    a.room.send(ClientMessage.SupportRequest, { from: "crisis-panel" });
    await waitFor("the flag", () => f.flags.length === 1);
    expect(f.flags[0]).toMatchObject({ participantId: a.id, pseudonym: "Shy Meadow", source: "request" });
    expect(f.flags[0]!.category).toBeUndefined();
    await waitFor("the confirmation", () => a.notices.some((n) => n.kind === "support-request-received"));
    expect(b.flags).toEqual([]);

    a.room.send(ClientMessage.SupportRequest, { from: "somewhere", text: "hello" });
    await waitFor("the refusal", () => a.errors.length === 1);
    expect(a.errors[0]).toMatchObject({ code: "invalid_message", type: ClientMessage.SupportRequest });

    a.room.send(ClientMessage.SupportRequest, { from: "chat-check", category: "distress" });
    a.room.send(ClientMessage.SupportRequest, {});
    await waitFor("the rate limit", () => a.errors.some((e) => e.code === "rate_limited"));
    expect(f.flags).toHaveLength(2);
    expect(f.flags[1]).toMatchObject({ category: "distress" });
  });
});

describe("when someone keeps writing abuse", () => {
  const abuse = ["you are a fucking idiot", "shut up you bitch", "you're a retard"];

  it("pauses their chat for a minute, with a message, and a facilitator can lift it", async () => {
    const f = await facilitator("Facilitator Ines");
    const a = await enter("Cross Badger");
    const b = await enter("Calm Lake");
    for (const text of abuse) a.room.send(ClientMessage.Chat, { text });
    await waitFor("the cool-down", () => a.coolDowns.length === 1 && f.coolDowns.length === 1);
    expect(a.coolDowns[0]).toEqual({ participantId: a.id, remainingMs: CHAT_COOL_DOWN_MS });
    expect(a.notices.at(-1)?.kind).toBe("chat-cool-down");
    expect(b.coolDowns).toEqual([]);

    a.room.send(ClientMessage.Chat, { text: "sorry" });
    await waitFor("the refusal", () => a.errors.some((e) => e.type === ClientMessage.Chat));
    expect(a.errors.at(-1)).toMatchObject({ code: "not_allowed" });
    await sleep(SETTLE_MS);
    expect(b.chats.map((m) => m.text)).not.toContain("sorry");

    // Only a facilitator can lift it.
    b.room.send(ClientMessage.ChatModerate, { action: "liftCoolDown", participantId: a.id });
    await waitFor("B's refusal", () => b.errors.length === 1);
    expect(b.errors[0]!.code).toBe("not_allowed");
    f.room.send(ClientMessage.ChatModerate, { action: "liftCoolDown", participantId: a.id });
    await waitFor("the lift", () => a.coolDowns.length === 2);
    expect(a.coolDowns[1]).toEqual({ participantId: a.id, remainingMs: 0, liftedBy: "facilitator" });
    expect(a.notices.at(-1)?.kind).toBe("chat-cool-down-lifted");
    a.room.send(ClientMessage.Chat, { text: "sorry, everyone" });
    await waitFor("B to get it", () => b.chats.some((m) => m.text === "sorry, everyone"));

    f.room.send(ClientMessage.ChatModerate, { action: "liftCoolDown", participantId: a.id });
    await waitFor("a refusal: nothing to lift", () => f.errors.length === 1);
    expect(f.errors[0]!.code).toBe("invalid_message");
  });

  it("never pauses a facilitator's chat", async () => {
    const f = await facilitator("Facilitator Teo");
    const g = await facilitator("Facilitator Uma");
    for (const text of abuse) f.room.send(ClientMessage.Chat, { text });
    await waitFor("the messages", () => g.chats.length === 3);
    await sleep(SETTLE_MS);
    expect(f.coolDowns).toEqual([]);
    expect(g.coolDowns).toEqual([]);
  });
});

describe("after the session, on disk", () => {
  it("the store's files hold neither the crisis text nor the writer's pseudonym", async () => {
    await Promise.all(members.splice(0).map((m) => m.room.leave(true).catch(() => undefined)));
    await hearth.close();
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(5);
    const needles = ["marmalade", PSEUDONYM].flatMap((t) => [Buffer.from(t, "utf8"), Buffer.from(t, "utf16le")]);
    const hits = files.filter((file) => needles.some((n) => readFileSync(file).includes(n)));
    expect(hits).toEqual([]);
  });
});
