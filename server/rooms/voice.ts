import { randomBytes } from "node:crypto";
import type { Client, Room } from "@colyseus/core";
import { Spaces } from "../../shared/facilitation.ts";
import { notice } from "../../shared/notices.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { log } from "../log.ts";
import type { VoiceEvent, VoiceGrant } from "../voice/room-api.ts";
import type { VoiceService } from "../voice/service.ts";
import type { MessageHandlers, Refuse } from "./message-gate.ts";
import { MicPermissions } from "./mic-permissions.ts";
import type { CircleState } from "./state.ts";
import { VOICE_PRESENCE_CHECK_MS, VoicePresence } from "./voice-presence.ts";

export interface RoomVoiceHost {
  readonly roomId: string;
  readonly state: CircleState;
  readonly clock: Room["clock"];
  client(id: string): Client | undefined;
  /** LiveKit told the room about someone seated here (safety re-applies their blocks). */
  heard(event: VoiceEvent): void;
  /** Whether the person may hear the voice room now (a block may pause it: server/rooms/voice-apart.ts). */
  canSubscribe(id: string): boolean;
  refuse: Refuse;
}

/** What the circle's flow asks of voice: tickets, leaving a space's voice room, microphones. */
export interface FlowVoice {
  /** A fresh voice ticket for the person's current space (their client reconnects voice). */
  sendTicketTo(id: string): void;
  /** Takes the person out of the voice room of `space`. */
  leave(id: string, space: string): void;
  /** Applies the person's micAllowed at LiveKit (failures are logged and retried, never thrown). */
  applyMic(id: string): Promise<void>;
}

/** Tickets a connection may hold unredeemed at once (a fresh one asked for while another was on its way). */
const OPEN_TICKETS_PER_CONNECTION = 3;

/**
 * The circle's voice: tickets, presence (voiceConnected), microphone permissions at LiveKit and
 * LiveKit's webhooks. Without a VoiceService (VOICE=off) it does nothing but refuse tickets.
 */
export class RoomVoice implements FlowVoice {
  /** Breakout voice rooms this session opened, closed with it. */
  private readonly spacesUsed = new Set<string>();
  /** Applies micAllowed at LiveKit, in order and with retries. */
  private readonly mic: MicPermissions;
  /** Who is in voice: webhooks, checked against LiveKit's listing every VOICE_PRESENCE_CHECK_MS. */
  private readonly presence: VoicePresence;
  /** The nonces of the tickets sent to each connection and not redeemed yet, oldest first. */
  private readonly openTickets = new Map<string, string[]>();

  constructor(
    private readonly host: RoomVoiceHost,
    private readonly service: VoiceService | undefined,
  ) {
    this.mic = new MicPermissions({
      roomId: () => host.roomId,
      participant: (id) => host.state.participants.get(id),
      canSubscribe: (id) => host.canSubscribe(id),
      voice: () => service,
      later: (fn, ms) => host.clock.setTimeout(fn, ms),
    });
    this.presence = new VoicePresence({
      roomId: () => host.roomId,
      participants: () => host.state.participants.values(),
      voice: () => service,
      // Their "joined" was lost: grant what the room decided, as the webhook would have.
      foundInVoice: (p) => {
        if (p.micAllowed) void this.enforceMic(p.id).catch(() => {});
      },
      listedInVoice: (p) => {
        if (!p.micAllowed) void this.enforceMic(p.id).catch(() => {});
      },
    });
  }

  /** Starts comparing voiceConnected with LiveKit's listing (call once, in onCreate). */
  startPresenceChecks(): void {
    if (this.service) this.host.clock.setInterval(() => void this.presence.check(), VOICE_PRESENCE_CHECK_MS);
  }

  handlers(): MessageHandlers {
    return {
      [ClientMessage.SelfMute]: (client, { muted }, participant) => {
        if (!muted && !participant.micAllowed) {
          return this.host.refuse(client, ClientMessage.SelfMute, "not_allowed", notice("muted-by-facilitator").message);
        }
        participant.muted = muted;
      },
      [ClientMessage.VoiceTicket]: (client) => {
        if (!this.service) {
          return this.host.refuse(client, ClientMessage.VoiceTicket, "not_allowed", "Voice is not available on this server.");
        }
        this.sendTicket(client);
      },
    };
  }

  sendTicket(client: Client): void {
    const space = this.host.state.participants.get(client.sessionId)?.space ?? Spaces.Main;
    if (this.service && space !== Spaces.Waiting) {
      if (space !== Spaces.Main) this.spacesUsed.add(space);
      const nonce = randomBytes(16).toString("base64url");
      const open = this.openTickets.get(client.sessionId) ?? [];
      open.push(nonce);
      this.openTickets.set(client.sessionId, open.slice(-OPEN_TICKETS_PER_CONNECTION));
      client.send(ServerMessage.VoiceTicket, this.service.ticketFor(this.host.roomId, client.sessionId, nonce, space));
    }
  }

  sendTicketTo(id: string): void {
    const client = this.host.client(id);
    if (client) this.sendTicket(client);
  }

  applyMic(id: string): Promise<void> {
    return this.enforceMic(id).catch(() => {});
  }

  /** Takes a participant who left the circle (or its space) out of that voice room too. */
  leave(participantId: string, space: string): void {
    this.presence.forget(participantId);
    this.openTickets.delete(participantId);
    const participant = this.host.state.participants.get(participantId);
    if (participant) participant.voiceConnected = false; // until they join their new space's voice
    if (space === Spaces.Waiting) return;
    this.service?.removeParticipant(this.host.roomId, participantId, space).catch((error: unknown) => {
      log.warn({ roomId: this.host.roomId, participantId, err: String(error) }, "could not remove a participant from voice");
    });
  }

  /** For the voice token route: what a seated participant may do in voice, or null when not seated. */
  grantFor(participantId: string): VoiceGrant | null {
    const participant = this.host.state.participants.get(participantId);
    if (!participant || participant.space === Spaces.Waiting) return null;
    return { identity: participant.id, canPublish: participant.micAllowed, canSubscribe: this.host.canSubscribe(participant.id), space: participant.space };
  }

  /**
   * Seat tickets are bound to the connection they were sent to: each is redeemed once, only
   * while that connection is open (not during a dropped connection's grace, whose reconnect
   * brings fresh ones), and only the last few sent to it count.
   */
  redeemTicket(participantId: string, nonce: string | undefined): VoiceGrant | null {
    const open = this.openTickets.get(participantId);
    const index = nonce === undefined || !open ? -1 : open.indexOf(nonce);
    if (index < 0) return null;
    open!.splice(index, 1);
    if (!this.host.client(participantId)) return null;
    const participant = this.host.state.participants.get(participantId);
    if (!participant?.connected) return null;
    return this.grantFor(participantId);
  }

  /** For the LiveKit webhook: keeps voiceConnected in step and re-applies mutes LiveKit has not seen. */
  async handleEvent(event: VoiceEvent): Promise<void> {
    const { kind, identity, sid, audio } = event;
    const participant = this.host.state.participants.get(identity);
    // Not seated here (left, removed, never was), or an old connection in a space they have left.
    if (!participant || event.space !== participant.space) {
      if (kind === "joined" || kind === "trackPublished") await this.service?.removeParticipant(this.host.roomId, identity, event.space);
      return;
    }
    this.host.heard(event);
    switch (kind) {
      case "joined":
        this.presence.joined(participant, sid);
        // Tokens never carry the publish right: the room's current decision is granted (or not) here.
        await this.enforceMic(identity);
        return;
      case "left":
        this.presence.left(participant, sid);
        return;
      case "trackPublished":
        if (audio && !participant.micAllowed) {
          log.warn({ roomId: this.host.roomId, participantId: identity }, "audio published without permission; muting again");
          await this.enforceMic(identity);
        }
        return;
      case "trackUnpublished":
        return;
    }
  }

  /** The session is over: everyone still in one of its voice rooms is disconnected. */
  async closeAll(): Promise<void> {
    const service = this.service;
    if (!service) return;
    await Promise.all(
      [Spaces.Main, ...this.spacesUsed].map((space) =>
        service.closeRoom(this.host.roomId, space).catch((error: unknown) => {
          log.warn({ roomId: this.host.roomId, space, err: String(error) }, "could not close a voice room");
        }),
      ),
    );
  }

  private enforceMic(participantId: string): Promise<void> {
    return this.mic.enforce(participantId);
  }
}

