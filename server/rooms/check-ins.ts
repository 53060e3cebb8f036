import type { Client } from "@colyseus/core";
import type { CheckInTicket } from "../../shared/checkins.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { newNonce } from "../checkins/check-in-tokens.ts";
import type { CheckInCounter } from "../checkins/check-in-counter.ts";
import { log } from "../log.ts";
import type { MessageHandlers, Refuse } from "./message-gate.ts";
import type { Participant } from "./state.ts";

export interface CheckInsHost {
  roomId: string;
  circleId(): string;
  /** The session's id, or "open:<UTC day>" for an always-open circle. */
  sessionKey(): string;
  /** When the session started (ms since the epoch): the scheduled start, or when the room opened. */
  sessionStart(): number;
  /** "Check in with me": reaches the facilitators privately, as a support flag. */
  wantsCheckIn(participant: Participant): void;
  refuse: Refuse;
}

/**
 * Anonymous check-ins in the circle (shared/checkins.ts). Each seat gets a nonce, and on asking a
 * signed token naming only the session, for the after-session page; a mood is counted once per moment
 * per seat, into counts per session and bucket. A device that comes back (same key) keeps its
 * nonce, so leaving and rejoining does not count twice. Nothing here is stored per person.
 */
export class RoomCheckIns {
  /** Participant id → nonce; device key hash → nonce while the room lives. */
  private readonly nonces = new Map<string, string>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly host: CheckInsHost,
    private readonly counter: CheckInCounter | undefined,
  ) {}

  /** Gives the newcomer their nonce (the same device coming back keeps its own); the token goes out when asked for. */
  join(client: Client, keyHash: string | undefined): void {
    if (!this.counter) return;
    let nonce = this.nonces.get(client.sessionId) ?? (keyHash ? this.byKey.get(keyHash) : undefined);
    if (!nonce) nonce = newNonce();
    this.nonces.set(client.sessionId, nonce);
    if (keyHash) this.byKey.set(keyHash, nonce);
  }

  forget(id: string): void {
    this.nonces.delete(id);
  }

  handlers(): MessageHandlers {
    return {
      [ClientMessage.CheckIn]: (client, payload, sender) => void this.handleCheckIn(client, payload, sender),
      [ClientMessage.CheckInTicket]: (client) => {
        const nonce = this.nonces.get(client.sessionId);
        if (!this.counter || !nonce) return this.host.refuse(client, ClientMessage.CheckInTicket, "not_allowed", "Check-ins are not kept on this server.");
        this.sendTicket(client, nonce);
      },
    };
  }

  private async handleCheckIn(client: Client, payload: { moment: "before" | "after"; mood: number | null; wantsCheckIn: boolean }, sender: Participant): Promise<void> {
    const nonce = this.nonces.get(client.sessionId);
    if (!this.counter || !nonce) {
      return this.host.refuse(client, ClientMessage.CheckIn, "not_allowed", "Check-ins are not kept on this server.");
    }
    const { circleId, sessionKey, sessionStart } = this.host;
    let counted: boolean;
    try {
      counted = await this.counter.count({ circleId: circleId(), sessionKey: sessionKey(), start: sessionStart(), nonce }, payload);
    } catch (error) {
      log.error({ roomId: this.host.roomId, err: String(error) }, "could not count a check-in");
      return this.host.refuse(client, ClientMessage.CheckIn, "invalid_message", "Your check-in could not be saved just now. Please try again.");
    }
    if (!counted) {
      return this.host.refuse(client, ClientMessage.CheckIn, "not_allowed", `You have already checked in ${payload.moment} this session.`);
    }
    if (payload.wantsCheckIn) this.host.wantsCheckIn(sender);
    this.sendTicket(client, nonce);
    log.info({ roomId: this.host.roomId, moment: payload.moment }, "check-in counted");
  }

  private sendTicket(client: Client, nonce: string): void {
    const counter = this.counter!;
    const token = counter.tokens.issue({ circleId: this.host.circleId(), sessionKey: this.host.sessionKey(), start: this.host.sessionStart(), nonce });
    client.send(ServerMessage.CheckInToken, { token, done: counter.done(nonce) } satisfies CheckInTicket);
  }
}
