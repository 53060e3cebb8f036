/**
 * Test bots for voice: a circle participant (colyseus.js) that trades its seat ticket for a
 * LiveKit token at Hearth's own endpoint, and a LiveKit participant (@livekit/rtc-node) that
 * speaks a 440 Hz sine and listens for other people's audio.
 */
import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  type LocalTrackPublication,
  type RemoteParticipant,
  type RemoteTrack,
  Room as LiveKitRoom,
  RoomEvent,
  type RoomOptions,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
} from "@livekit/rtc-node";
import type { Room as ColyseusRoom } from "colyseus.js";
import type { CircleState } from "../../../server/rooms/state.ts";
import {
  ClientMessage,
  type ErrorReply,
  type NoticeMessage,
  ServerMessage,
  VOICE_TOKEN_PATH,
  type VoiceTicketMessage,
  type VoiceTokenResponse,
} from "../../../shared/protocol.ts";
import { waitFor } from "../../support/wait.ts";
import { enterCircle } from "../../support/circle-client.ts";
import { goertzelShare } from "./tone.ts";

export const SAMPLE_RATE = 48_000;
/** Bots send and receive 10 ms frames. */
export const FRAME_MS = 10;
const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;
const SINE_HZ = 440;
/** 0.3 of full scale: RMS about 6950. */
const SINE_AMPLITUDE = 0.3 * 32767;
/** A frame with RMS above this is speech (here: the sine); the silence LiveKit sends measures ~0. */
export const AUDIBLE_RMS = 500;
/** …and it is the sine only when this share of its energy is at SINE_HZ (undecodable audio is not). */
export const TONE_SHARE = 0.5;
/** Frames running that must hold the tone before a frame counts as audible. */
const TONE_FRAMES = 3;

/** Whether a received frame carries the bots' tone. */
export function hasTone(samples: Int16Array, hz = SINE_HZ): boolean {
  return rms(samples) > AUDIBLE_RMS && goertzelShare(samples, hz, SAMPLE_RATE) > TONE_SHARE;
}

// ---------------------------------------------------------------- the circle side

export interface Seat {
  room: ColyseusRoom<CircleState>;
  /** Participant id = LiveKit identity. */
  id: string;
  tickets: VoiceTicketMessage[];
  notices: NoticeMessage[];
  errors: ErrorReply[];
  /** Waits for a ticket after the `seen` first ones. */
  ticketAfter(seen: number, timeoutMs?: number): Promise<VoiceTicketMessage>;
}

let colors = 0;
const COLORS = ["#e07a5f", "#f2cc8f", "#81b29a", "#6d9dc5", "#b388c9", "#e5989b", "#9fb36b", "#d4a373"] as const;

/**
 * Joins the open circle like a browser would, collecting voice tickets, notices and errors.
 * `options` adds join options (a `facilitatorKey`, a `participantKey`).
 */
export async function joinCircle(wsUrl: string, pseudonym: string, options: Record<string, unknown> = {}): Promise<Seat> {
  const tickets: VoiceTicketMessage[] = [];
  const notices: NoticeMessage[] = [];
  const errors: ErrorReply[] = [];
  const room = await enterCircle(wsUrl, { pseudonym, color: COLORS[colors++ % COLORS.length], ...options }, (joined) => {
    joined.onMessage(ServerMessage.VoiceTicket, (message: VoiceTicketMessage) => tickets.push(message));
    joined.onMessage(ServerMessage.Notice, (message: NoticeMessage) => notices.push(message));
    joined.onMessage(ServerMessage.Error, (reply: ErrorReply) => errors.push(reply));
    joined.onMessage(ServerMessage.Poses, () => undefined); // voice tests do not look at poses
  });
  return {
    room,
    id: room.sessionId,
    tickets,
    notices,
    errors,
    ticketAfter: (seen, timeoutMs = 5000) => waitFor(`voice ticket #${seen + 1} for ${pseudonym}`, () => tickets[seen], timeoutMs),
  };
}

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
}

/** POST /api/voice/token with whatever body a test wants to send. */
export async function postToken(httpUrl: string, body: unknown, contentType = "application/json"): Promise<HttpReply> {
  const response = await fetch(`${httpUrl}${VOICE_TOKEN_PATH}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** The seat's newest ticket traded for a token; fails loudly unless Hearth says 200. */
/** Asks the room for a fresh seat ticket (each one is redeemed once), as the browser does. */
export async function freshTicket(seat: Seat): Promise<VoiceTicketMessage> {
  const seen = seat.tickets.length;
  seat.room.send(ClientMessage.VoiceTicket, {});
  return seat.ticketAfter(seen);
}

export async function tokenFor(httpUrl: string, seat: Seat): Promise<VoiceTokenResponse> {
  const ticket = await freshTicket(seat);
  const reply = await postToken(httpUrl, { ticket: ticket.ticket });
  if (reply.status !== 200) throw new Error(`Token refused (${reply.status}): ${JSON.stringify(reply.body)}`);
  return reply.body as VoiceTokenResponse;
}

// ---------------------------------------------------------------- the LiveKit side

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** What one listener hears from one speaker: every frame's arrival time (performance.now) and loudness. */
export class AudioMonitor {
  readonly audibleAt: number[] = [];
  frames = 0;
  /** When the latest loud frame arrived (performance.now), tone or not. */
  lastLoudAt = -Infinity;
  /** Frames loud enough to be speech, tone or not (undecodable audio counts here, not in audibleAt). */
  loudFrames = 0;
  subscriptions = 0;
  private readers = new Set<ReadableStreamDefaultReader<AudioFrame>>();

  constructor(
    private readonly onClose: () => void = () => {},
    /** The tone listened for (the bots' own sine unless told). */
    private readonly hz = SINE_HZ,
  ) {}

  /** Arrival time of the first audible frame at or after `since`, if any. */
  firstAudibleSince(since: number): number | undefined {
    return this.audibleAt.find((t) => t >= since);
  }

  lastAudible(): number | undefined {
    return this.audibleAt[this.audibleAt.length - 1];
  }

  audibleCountSince(since: number): number {
    return this.audibleAt.filter((t) => t >= since).length;
  }

  read(track: RemoteTrack): void {
    this.subscriptions++;
    const reader = new AudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1 }).getReader();
    this.readers.add(reader);
    void (async () => {
      // The tone in three frames running (30 ms): a chance frame or two of undecodable audio (or
      // its concealment repeating it) is not a voice; a voice holds it for much longer.
      let toneRun = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          this.frames++;
          if (rms(value.data) > AUDIBLE_RMS) {
            this.loudFrames++;
            this.lastLoudAt = performance.now();
          }
          const tone = hasTone(value.data, this.hz);
          toneRun = tone ? toneRun + 1 : 0;
          if (toneRun >= TONE_FRAMES) this.audibleAt.push(performance.now());
        }
      } catch {
        // the track went away
      } finally {
        this.readers.delete(reader);
      }
    })();
  }

  async close(): Promise<void> {
    this.onClose();
    await Promise.all([...this.readers].map((reader) => reader.cancel().catch(() => {})));
  }
}

let grantCheck: ((token: VoiceTokenResponse) => Promise<void>) | undefined;

/** How an honest bot knows its microphone grant has arrived (set by startVoiceHearth). */
export function setGrantCheck(check: (token: VoiceTokenResponse) => Promise<void>): void {
  grantCheck = check;
}

/** One LiveKit participant driven by a test. */
export class VoiceBot {
  readonly room = new LiveKitRoom();
  private source?: AudioSource;
  private speaking = false;
  private closing?: Promise<void>;
  private monitors: AudioMonitor[] = [];

  private constructor(readonly identity: string) {}

  /**
   * Connects with `token`. An honest bot then waits, as Hearth's browser does, until LiveKit holds
   * the microphone permission the room decided (tokens never carry it; see server/voice/tokens.ts);
   * `{ awaitGrant: false }` is a client that does not wait and publishes at once. `encryption`
   * joins with LiveKit's E2EE on (tests/voice/support/e2ee.ts makes the options).
   */
  static async connect(token: VoiceTokenResponse, { awaitGrant = true, ...options }: Partial<RoomOptions> & { awaitGrant?: boolean } = {}): Promise<VoiceBot> {
    const bot = new VoiceBot(token.identity);
    await bot.room.connect(token.url, token.token, { autoSubscribe: true, dynacast: false, ...options });
    if (awaitGrant) await grantCheck?.(token);
    return bot;
  }

  /** Starts (once) a 440 Hz sine into this bot's audio source; it keeps running while unpublished. */
  private startSine(): AudioSource {
    if (this.source) return this.source;
    const source = new AudioSource(SAMPLE_RATE, 1, 100);
    this.source = source;
    this.speaking = true;
    let n = 0;
    void (async () => {
      while (this.speaking) {
        const frame = AudioFrame.create(SAMPLE_RATE, 1, FRAME_SAMPLES);
        for (let i = 0; i < FRAME_SAMPLES; i++, n++) {
          frame.data[i] = Math.round(SINE_AMPLITUDE * Math.sin((2 * Math.PI * SINE_HZ * n) / SAMPLE_RATE));
        }
        try {
          await source.captureFrame(frame);
        } catch {
          return;
        }
      }
    })();
    return source;
  }

  /** Publishes the sine as this bot's microphone. Rejects if LiveKit refuses. */
  async publishMicrophone(): Promise<LocalTrackPublication> {
    const track = LocalAudioTrack.createAudioTrack("microphone", this.startSine());
    const options = new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE });
    return this.room.localParticipant!.publishTrack(track, options);
  }

  /** Audio this bot receives from `identity`, from now on (and from tracks it already has). */
  listenTo(identity: string, hz = SINE_HZ): AudioMonitor {
    const take = (track: RemoteTrack, participant: RemoteParticipant) => {
      if (participant.identity === identity && track.kind === TrackKind.KIND_AUDIO) monitor.read(track);
    };
    const onSubscribed = (track: RemoteTrack, _publication: unknown, participant: RemoteParticipant) => take(track, participant);
    const monitor = new AudioMonitor(() => this.room.off(RoomEvent.TrackSubscribed, onSubscribed), hz);
    this.monitors.push(monitor);
    this.room.on(RoomEvent.TrackSubscribed, onSubscribed);
    const present = this.room.remoteParticipants.get(identity);
    for (const publication of present?.trackPublications.values() ?? []) {
      if (publication.track) take(publication.track, present!);
    }
    return monitor;
  }

  /** Leaves LiveKit and stops everything; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.speaking = false;
      await Promise.all(this.monitors.map((m) => m.close()));
      await this.room.disconnect().catch(() => {});
      await this.source?.close().catch(() => {});
    })();
    return this.closing;
  }
}
