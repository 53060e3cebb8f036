/**
 * Every client message in shared/protocol.ts has exactly one handler in a live CircleRoom, all
 * registered through the message gate (so each passes its schema, rate limit and strikes).
 */
import { matchMaker } from "@colyseus/core";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleRoom } from "../../server/rooms/CircleRoom.ts";
import type { MessageGate } from "../../server/rooms/message-gate.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { ClientMessage, ROOM_NAME } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";

let hearth: HearthServer;
let room: CircleRoom;

beforeAll(async () => {
  hearth = await startHearth(loadConfig({ PORT: String(await freePort()), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:" }));
  const seat = await new Client(`ws://127.0.0.1:${hearth.port}`).joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym: "Quiet Otter", color: "#e07a5f" });
  room = matchMaker.getLocalRoomById(seat.roomId) as CircleRoom;
});
afterAll(() => hearth?.close());

describe("when a circle room is open", () => {
  const gate = () => (room as unknown as { gate: MessageGate }).gate;

  it("has one handler, through the gate, for each client message in shared/protocol.ts", () => {
    const handled = gate().handledMessages();
    for (const name of Object.values(ClientMessage)) {
      expect(handled.filter((h) => h === name), `handlers for "${name}"`).toHaveLength(1);
    }
    expect([...handled].sort()).toEqual(Object.values(ClientMessage).sort());
  });

  it("has no message handler in Colyseus that bypasses the gate", () => {
    const colyseusHandlers = Object.keys((room as unknown as { onMessageHandlers: Record<string, unknown> }).onMessageHandlers);
    const expected = [...Object.values(ClientMessage), "*"];
    expect(colyseusHandlers.filter((name) => name !== "__no_message_handler").sort()).toEqual(expected.sort());
  });
});
