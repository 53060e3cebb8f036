import { Client, MatchMakeError, type Room } from "colyseus.js";
import { RECONNECT_GRACE_SECONDS } from "../../shared/limits.ts";
import { createStore } from "zustand/vanilla";
import {
  ClientMessage,
  type ClientMessageType,
  CloseCode,
  type ErrorReply,
  type NoticeMessage,
  ROOM_NAME,
  ServerMessage,
} from "../../shared/protocol.ts";
import type { JoinOptions } from "../../shared/schemas.ts";
import { RemotePoses } from "../../shared/pose-relay.ts";
import { FACILITATE_MESSAGE, type FacilitatorAction, PASS_PIECE_MESSAGE } from "../../shared/facilitation.ts";
import type { CircleStateFields, GuideStepFields, ParticipantFields } from "../../shared/circle-state.ts";
import { Spaces } from "../../shared/facilitation.ts";
import type { CircleStateView, ParticipantStateView } from "./state-view.ts";
import { avatarStyleOf } from "../../shared/avatar.ts";

export type ConnectionStatus = "idle" | "joining" | "in-circle" | "reconnecting" | "left";

/** What the UI shows about a participant: flags only. Poses are read per frame from `remotePoses`. */
export type ParticipantSummary = Omit<ParticipantFields, "poseId" | "voiceKey">;

/** The circle's phase; "" before the first state arrives. */
export type CirclePhase = CircleStateFields["phase"] | "";

/** The circle's flow: phase, lock, talking-piece round and raised hands. */
export interface CircleFlow extends Pick<CircleStateFields, "phaseStartedAt" | "locked" | "roundActive" | "roundHolder" | "shareEndsAt" | "guideStep"> {
  phase: CirclePhase;
  handQueue: string[];
}

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why the last join or connection failed, in words for the user. */
  error: string | null;
  /** The latest refusal of one of our messages. */
  lastRefusal: ErrorReply | null;
  notice: NoticeMessage | null;
  room: Room<CircleStateView> | null;
  selfId: string | null;
  title: string;
  capacity: number;
  phase: CirclePhase;
  flow: CircleFlow;
  participants: ParticipantSummary[];
  /** The circle's facilitator guide (shared/guides.ts): prompts for facilitators, cards for everyone. */
  guide: GuideStepFields[];
  /** The server offers voice (it sends a seat ticket on join only when it does). */
  voiceAvailable: boolean;
}

export interface VoiceTicket {
  ticket: string;
  room: string;
}

const initialState: ConnectionState = {
  status: "idle",
  error: null,
  lastRefusal: null,
  notice: null,
  room: null,
  selfId: null,
  title: "",
  capacity: 0,
  phase: "",
  flow: { phase: "", phaseStartedAt: 0, locked: false, roundActive: false, roundHolder: "", shareEndsAt: 0, handQueue: [], guideStep: -1 },
  participants: [],
  guide: [],
  voiceAvailable: false,
};

export const connection = createStore<ConnectionState>(() => initialState);

/** Everyone else's latest pose, relayed beside the room state; read per frame by the scene. */
export const remotePoses = new RemotePoses();

const CONSENTED_CLOSE = 4000;
const RECONNECT_TOKEN_KEY = "hearth.reconnectionToken";
/** The options of the last successful join, to join afresh when the server no longer holds our seat. */
export const JOIN_OPTIONS_KEY = "hearth.joinOptions";
/** How long a dropped client keeps trying while the server does not answer at all (a restart, an outage). */
const SERVER_WAIT_MS = 5 * 60_000;
/** colyseus' "room not found": the server no longer has our room (it restarted, or the circle closed). */
const ROOM_GONE = 4212;
const RESTART_NOTICE: NoticeMessage = {
  kind: "server-restarting",
  message: "Hearth is restarting. You will be back in the circle by yourself in a moment.",
};
const REJOINED_NOTICE: NoticeMessage = { kind: "rejoined", message: "You are back in the circle." };
/** Our own flags (mute, away), sent again after a fresh join: a restarted server has forgotten them. */
const ownFlags = new Map<ClientMessageType, unknown>();

function serverUrl(): string {
  const configured = import.meta.env.VITE_SERVER_URL as string | undefined;
  if (configured) return configured;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
}

let client: Client | null = null;
function colyseus(): Client {
  client ??= new Client(serverUrl());
  return client;
}

/** Joins a circle. Callers ask for the community agreements first (client/circle/enter-circle.ts). */
export async function joinCircle(options: JoinOptions): Promise<void> {
  connection.setState({ status: "joining", error: null });
  try {
    const room = await colyseus().joinOrCreate<CircleStateView>(ROOM_NAME, options);
    ownFlags.clear();
    sessionStorage.setItem(JOIN_OPTIONS_KEY, JSON.stringify(options));
    attach(room);
  } catch (error) {
    connection.setState({ status: "idle", error: errorMessage(error) });
  }
}

export function leaveCircle(): void {
  const room = connection.getState().room;
  forgetSeat();
  connection.setState({ ...initialState, status: "left" });
  void room?.leave(true);
}

export function sendMessage(type: ClientMessageType, payload: unknown): void {
  if (type === ClientMessage.SelfMute || type === ClientMessage.Away) ownFlags.set(type, payload);
  connection.getState().room?.send(type, payload);
}

export function sendFacilitatorAction(action: FacilitatorAction): void {
  connection.getState().room?.send(FACILITATE_MESSAGE, action);
}

export function passTalkingPiece(): void {
  connection.getState().room?.send(PASS_PIECE_MESSAGE, {});
}

export function sendBytes(type: ClientMessageType, bytes: Uint8Array): void {
  connection.getState().room?.sendBytes(type, bytes);
}

function attach(room: Room<CircleStateView>): void {
  sessionStorage.setItem(RECONNECT_TOKEN_KEY, room.reconnectionToken);
  connection.setState({ room, selfId: room.sessionId, status: "in-circle", error: null });

  // A new connection: the room sends every pose afresh right after the state.
  remotePoses.clear();
  room.onMessage(ServerMessage.Poses, (bytes: Uint8Array) => {
    if (room.state.participants) remotePoses.receive(bytes, room.state.participants);
  });
  let signature = "";
  room.onStateChange((state) => {
    remotePoses.retain(state.participants);
    const participants = summarise(state);
    const flow: CircleFlow = {
      phase: state.phase,
      phaseStartedAt: state.phaseStartedAt ?? 0,
      locked: state.locked ?? false,
      roundActive: state.roundActive ?? false,
      roundHolder: state.roundHolder ?? "",
      shareEndsAt: state.shareEndsAt ?? 0,
      handQueue: state.handQueue ? [...state.handQueue] : [],
      guideStep: state.guideStep ?? -1,
    };
    const guide = state.guide ? [...state.guide].map(({ technique, phase, title, prompt, card }) => ({ technique, phase, title, prompt, card })) : [];
    const next = JSON.stringify([state.title, state.capacity, flow, participants, guide]);
    if (next === signature) return; // pose-only patches do not touch React
    signature = next;
    connection.setState({ title: state.title, capacity: state.capacity, phase: state.phase, flow, participants, guide });
  });
  room.onMessage(ServerMessage.Error, (reply: ErrorReply) => connection.setState({ lastRefusal: reply }));
  room.onMessage(ServerMessage.VoiceTicket, (ticket: VoiceTicket) => {
    if (!connection.getState().voiceAvailable) connection.setState({ voiceAvailable: true });
    const waiting = ticketWaiters.splice(0);
    for (const resolve of waiting) resolve(ticket);
  });
  room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => connection.setState({ notice }));
  room.onLeave((code) => {
    if (connection.getState().room !== room) return;
    if (code === CONSENTED_CLOSE) return;
    if (code === CloseCode.Removed || code === CloseCode.SessionEnded) {
      forgetSeat();
      const error =
        code === CloseCode.Removed ? "You have been removed from the circle." : "The circle has ended. Thank you for coming.";
      connection.setState({ ...initialState, status: "left", error });
      return;
    }
    if (code === CloseCode.ServerRestart) connection.setState({ notice: RESTART_NOTICE });
    void reconnect(room.reconnectionToken);
  });
}

function forgetSeat(): void {
  sessionStorage.removeItem(RECONNECT_TOKEN_KEY);
  sessionStorage.removeItem(JOIN_OPTIONS_KEY);
  ownFlags.clear();
}

/**
 * Joins again with the last join's options (same pseudonym, colour, session), for when the
 * server answers but no longer holds our seat: it restarted, or the grace period ran out.
 */
async function rejoin(): Promise<boolean> {
  const saved = sessionStorage.getItem(JOIN_OPTIONS_KEY);
  if (!saved) return false;
  const room = await colyseus().joinOrCreate<CircleStateView>(ROOM_NAME, JSON.parse(saved) as JoinOptions);
  attach(room);
  for (const [type, payload] of ownFlags) room.send(type, payload);
  connection.setState({ notice: REJOINED_NOTICE });
  return true;
}

const ticketWaiters: ((ticket: VoiceTicket) => void)[] = [];

/** Asks the room for a fresh seat ticket, which the server exchanges for a voice token. */
export function requestVoiceTicket(timeoutMs = 5000): Promise<VoiceTicket> {
  return new Promise((resolve, reject) => {
    const room = connection.getState().room;
    if (!room) return reject(new Error("Not in a circle."));
    const timer = setTimeout(() => reject(new Error("No voice ticket arrived.")), timeoutMs);
    ticketWaiters.push((ticket) => {
      clearTimeout(timer);
      resolve(ticket);
    });
    room.send(ClientMessage.VoiceTicket, {});
  });
}

/**
 * Tries to take the same seat back while the server holds it; once the server answers that it
 * does not (a restart, or the grace period is over), joins afresh with the same options.
 */
async function reconnect(token: string): Promise<void> {
  connection.setState({ status: "reconnecting" });
  const deadline = Date.now() + SERVER_WAIT_MS;
  // Until then a refused token may only mean the server has not noticed the drop yet.
  const graceOver = Date.now() + RECONNECT_GRACE_SECONDS * 1000 + 5000;
  let delay = 500;
  let seatGone = false;
  let error = "The connection was lost and your seat could not be kept. You can join again.";
  while (Date.now() < deadline) {
    if (connection.getState().status !== "reconnecting") return;
    try {
      if (seatGone) {
        if (!(await rejoin())) break;
      } else {
        attach(await colyseus().reconnect<CircleStateView>(token));
      }
      return;
    } catch (failure) {
      // A MatchMakeError is the server's answer; anything else means it is not reachable (yet).
      if (failure instanceof MatchMakeError) {
        if (seatGone) {
          error = errorMessage(failure);
          break;
        }
        seatGone = failure.code === ROOM_GONE || Date.now() > graceOver;
        if (seatGone) continue;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 4000);
    }
  }
  forgetSeat();
  connection.setState({ ...initialState, status: "idle", error });
}

/** After a page reload, come back to the seat we had if the server still holds it. */
export async function resumeAfterReload(): Promise<void> {
  const token = sessionStorage.getItem(RECONNECT_TOKEN_KEY);
  if (!token || connection.getState().status !== "idle") return;
  try {
    attach(await colyseus().reconnect<CircleStateView>(token));
  } catch (failure) {
    // The server no longer holds the seat (it restarted meanwhile): join afresh as before.
    if (!(failure instanceof MatchMakeError) || !(await rejoin().catch(() => false))) forgetSeat();
  }
}

/** Our own participant in a connection state, once the room has seated us. */
export function selfIn(state: Pick<ConnectionState, "participants" | "selfId">): ParticipantSummary | undefined {
  return state.participants.find((p) => p.id === state.selfId);
}

function summarise(state: CircleStateView): ParticipantSummary[] {
  const list: ParticipantSummary[] = [];
  state.participants.forEach((p: ParticipantStateView) => {
    list.push({
      id: p.id,
      pseudonym: p.pseudonym,
      role: p.role,
      seat: p.seat,
      color: p.color,
      avatarStyle: avatarStyleOf(p.avatarStyle),
      muted: p.muted,
      micAllowed: p.micAllowed,
      voiceConnected: p.voiceConnected ?? false,
      handRaised: p.handRaised,
      away: p.away,
      connected: p.connected,
      space: p.space ?? Spaces.Main,
      mutedByFacilitator: p.mutedByFacilitator ?? false,
      disguised: p.disguised,
      captions: p.captions,
    });
  });
  return list.sort((a, b) => a.seat - b.seat);
}

function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "object" && error && "message" in error) return String(error.message);
  return "Could not reach the circle. Please check your connection and try again.";
}
