import { type ParticipantInfo, RoomServiceClient, type WebhookEvent, WebhookReceiver } from "livekit-server-sdk";
import type { VoiceTicketMessage, VoiceTokenResponse } from "../../shared/protocol.ts";
import type { Config } from "../config.ts";
import { closeVoiceRoom, removeFromVoice, setVoicePermission, type VoicePermission } from "./permissions.ts";
import { unsubscribePairs, voiceParticipants } from "./voice-blocks.ts";
import type { VoiceGrant } from "./room-api.ts";
import { voiceRoomName } from "./room-name.ts";
import { type TicketPayload, type TicketSigner, ticketSigner } from "./tickets.ts";
import { mintVoiceToken } from "./tokens.ts";

/** LiveKit API calls give up after this long, so a dead LiveKit never stalls a room for long. */
const LIVEKIT_REQUEST_TIMEOUT_SECONDS = 5;

export interface VoiceServiceOptions {
  /** LiveKit's server API (http(s) or ws(s)). */
  apiUrl: string;
  /** What browsers connect to. */
  publicUrl: string;
  apiKey: string;
  apiSecret: string;
  ticketSecret: string;
}

/**
 * Everything Hearth does with LiveKit, by Colyseus roomId and participant id: seat tickets,
 * join tokens, the hard mute, removal, and webhook verification. Holds no per-room state: the
 * CircleRoom is the authority and drives this.
 */
export class VoiceService {
  readonly publicUrl: string;
  private readonly rooms: RoomServiceClient;
  private readonly tickets: TicketSigner;
  private readonly webhooks: WebhookReceiver;

  constructor(private readonly options: VoiceServiceOptions) {
    this.publicUrl = options.publicUrl;
    this.rooms = new RoomServiceClient(options.apiUrl, options.apiKey, options.apiSecret, {
      requestTimeout: LIVEKIT_REQUEST_TIMEOUT_SECONDS,
    });
    this.tickets = ticketSigner({ secret: options.ticketSecret });
    this.webhooks = new WebhookReceiver(options.apiKey, options.apiSecret);
  }

  /** A fresh seat ticket for the participant's client; `nonce` is what the room will accept once. */
  ticketFor(roomId: string, participantId: string, nonce: string, space?: string): VoiceTicketMessage {
    return { ticket: this.tickets.issue(roomId, participantId, nonce), room: voiceRoomName(roomId, space) };
  }

  /** Throws TicketError (malformed, forged, expired). */
  verifyTicket(ticket: string): TicketPayload {
    return this.tickets.verify(ticket);
  }

  async tokenFor(roomId: string, grant: VoiceGrant): Promise<VoiceTokenResponse> {
    const room = voiceRoomName(roomId, grant.space);
    const token = await mintVoiceToken({
      apiKey: this.options.apiKey,
      apiSecret: this.options.apiSecret,
      room,
      identity: grant.identity,
      canSubscribe: grant.canSubscribe,
    });
    return { url: this.publicUrl, token, room, identity: grant.identity };
  }

  /** The person's whole LiveKit permission: whether they may publish their microphone, and hear anyone (server/voice/permissions.ts). */
  setVoicePermission(roomId: string, identity: string, permission: VoicePermission, space?: string): Promise<void> {
    return setVoicePermission(this.rooms, voiceRoomName(roomId, space), identity, permission);
  }

  removeParticipant(roomId: string, identity: string, space?: string): Promise<void> {
    return removeFromVoice(this.rooms, voiceRoomName(roomId, space), identity);
  }

  /** Unsubscribes both sides of each blocked pair from the other's audio, as `listing` shows their tracks (server/voice/voice-blocks.ts). */
  keepApart(roomId: string, pairs: [string, string][], space: string, listing: ParticipantInfo[]): Promise<void> {
    return unsubscribePairs(this.rooms, voiceRoomName(roomId, space), pairs, listing);
  }

  /** LiveKit's participants of a voice room with their tracks; none when the room does not exist (yet). */
  listing(roomId: string, space?: string): Promise<ParticipantInfo[]> {
    return voiceParticipants(this.rooms, voiceRoomName(roomId, space));
  }

  /** Who LiveKit has in a voice room now (none when the room does not exist); throws when LiveKit cannot be reached. */
  async participantsIn(roomId: string, space?: string): Promise<{ identity: string; sid: string }[]> {
    const listed = await voiceParticipants(this.rooms, voiceRoomName(roomId, space));
    return listed.map(({ identity, sid }) => ({ identity, sid }));
  }

  closeRoom(roomId: string, space?: string): Promise<void> {
    return closeVoiceRoom(this.rooms, voiceRoomName(roomId, space));
  }

  /** Verifies a webhook (signature over the raw body) and decodes it; throws when it is not genuine. */
  receiveWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
    return this.webhooks.receive(rawBody, authorization);
  }
}

/** The voice service the configuration asks for, or undefined with VOICE=off. */
export function voiceServiceFromConfig(config: Config): VoiceService | undefined {
  if (config.VOICE === "off") return undefined;
  const apiUrl = config.LIVEKIT_URL ?? `http://127.0.0.1:${config.LIVEKIT_PORT}`;
  const publicUrl = config.LIVEKIT_PUBLIC_URL ?? config.LIVEKIT_URL ?? `ws://localhost:${config.LIVEKIT_PORT}`;
  return new VoiceService({
    apiUrl,
    publicUrl,
    apiKey: config.LIVEKIT_API_KEY,
    apiSecret: config.LIVEKIT_API_SECRET,
    ticketSecret: config.TICKET_SECRET,
  });
}
