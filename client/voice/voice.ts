import type { Participant, RemoteAudioTrack, RemoteParticipant, RemoteTrack, Room } from "livekit-client";
import { createStore } from "zustand/vanilla";
import { createVoicePanner } from "./spatial.ts";
import { isHiddenFromMe, silencedForMe } from "../safety/session.ts";
import { attachVoiceBlocks } from "./voice-blocks.ts";
import type { ProcessingStatus } from "./processing/apply.ts";
import { captureOptions, micSettings } from "./processing/settings.ts";

export type VoiceStatus = "off" | "connecting" | "connected" | "reconnecting" | "unavailable";

export interface VoiceEncryption {
  /** "securing": waiting for the circle's key; "unsupported": this browser cannot encrypt, so voice stays off. */
  status: "off" | "securing" | "on" | "unsupported";
  /** The current key's security code ("123 456"), the same on every screen in the circle. */
  code: string | null;
  epoch: number;
}

export interface VoiceState {
  status: VoiceStatus;
  /** The browser blocked playback until a user gesture: show "Enable audio". */
  needsAudioStart: boolean;
  /** Your own choice to be silent (a normal client mute). */
  selfMuted: boolean;
  /** Whether the server lets you publish (false after a facilitator's mute). */
  micAllowed: boolean;
  /** A problem with the microphone, in words for the user. */
  micError: string | null;
  inputs: { deviceId: string; label: string }[];
  inputId: string | null;
  /** Per-person volume, 0–2, by participant id. Kept across reconnects. */
  volumes: Record<string, number>;
  /** The whole circle's loudness, 0–1.5 (lowered while you step out). */
  masterVolume: number;
  speaking: string[];
  /** End-to-end encryption of the circle's voice (client/voice/e2ee/). */
  encryption: VoiceEncryption;
  /** What runs on the microphone now (client/voice/processing/): others see `disguise` marked. */
  processing: ProcessingStatus;
  /** You caption your own voice (client/voice/captions/). */
  captions: boolean;
}

export const voice = createStore<VoiceState>(() => ({
  status: "off",
  needsAudioStart: false,
  selfMuted: false,
  micAllowed: true,
  micError: null,
  inputs: [],
  inputId: null,
  volumes: {},
  masterVolume: 1,
  speaking: [],
  encryption: { status: "off", code: null, epoch: 0 },
  processing: { noiseFilter: "off", disguise: "off" },
  captions: false,
}));

export interface VoiceCredentials {
  url: string;
  token: string;
}

/** Remote voices: the track and its panner, by participant id (LiveKit identity). */
export const voices = new Map<string, { track: RemoteAudioTrack; panner: PannerNode; element: HTMLMediaElement }>();
/** Latest audio level per participant id (0–1), for speaking rings; read per frame. */
export const audioLevels = new Map<string, number>();

/** livekit-client (about 137 kB gzipped) is loaded when voice starts, not with the page. */
type LiveKit = typeof import("livekit-client");
let livekit: Promise<LiveKit> | null = null;
// A failed load is forgotten, so the next try fetches the chunk again.
const loadLiveKit = (): Promise<LiveKit> =>
  (livekit ??= import("livekit-client").catch((error: unknown) => {
    livekit = null;
    throw error;
  }));
/** The key provider and the microphone processing import livekit-client too: they load with it. */
const loadE2EE = () => import("./e2ee/provider.ts");
const loadProcessing = () => import("./processing/apply.ts");

let audioContext: AudioContext | null = null;
let room: Room | null = null;

export function sharedAudioContext(): AudioContext {
  audioContext ??= new AudioContext({ latencyHint: "interactive" });
  return audioContext;
}

/** Joins the voice room. `fetchCredentials` is asked again whenever voice must reconnect. */
export async function connectVoice(fetchCredentials: () => Promise<VoiceCredentials>): Promise<void> {
  await disconnectVoice();
  const context = sharedAudioContext();
  voice.setState({ status: "connecting" });
  const [LK, e2ee] = await Promise.all([loadLiveKit(), loadE2EE()]).catch(() => [null, null] as const);
  if (!LK || !e2ee) return scheduleReconnect(fetchCredentials); // the chunk did not load (offline): try again
  if (!LK.isE2EESupported()) {
    // Never in the clear: a browser that cannot encrypt does not join the circle's voice.
    voice.setState({ status: "unavailable", encryption: { status: "unsupported", code: null, epoch: 0 } });
    return;
  }
  if (room) return; // another connectVoice got here first
  const lk = new LK.Room({
    e2ee: { keyProvider: e2ee.circleKeyProvider(), worker: e2ee.createE2EEWorker() },
    webAudioMix: { audioContext: context },
    adaptiveStream: false,
    dynacast: false,
    audioCaptureDefaults: captureOptions(micSettings.getState()),
    publishDefaults: { dtx: true, red: true },
  });
  room = lk;
  wire(lk, LK, fetchCredentials);
  attachVoiceBlocks(lk, LK);
  try {
    await lk.setE2EEEnabled(true);
    const { url, token } = await fetchCredentials();
    await lk.connect(url, token, { autoSubscribe: true });
    if (room !== lk) return;
    voice.setState({ status: "connected", needsAudioStart: !lk.canPlaybackAudio });
    await applyMicrophone();
    await refreshInputs(LK);
  } catch {
    if (room === lk) scheduleReconnect(fetchCredentials);
  }
}

export async function disconnectVoice(): Promise<void> {
  const lk = room;
  room = null;
  clearTimeout(reconnectTimer);
  for (const id of [...voices.keys()]) dropVoice(id);
  audioLevels.clear();
  voice.setState({ status: "off", speaking: [] });
  await lk?.disconnect();
}

export async function setSelfMuted(muted: boolean): Promise<void> {
  voice.setState({ selfMuted: muted });
  await applyMicrophone();
}

/** Called when the server's permission for us changes (the room state mirrors LiveKit). */
export async function setMicAllowed(allowed: boolean): Promise<void> {
  if (voice.getState().micAllowed === allowed) return;
  // Losing permission also mutes you; getting it back never turns the microphone on by itself.
  voice.setState(allowed ? { micAllowed: true } : { micAllowed: false, selfMuted: true });
  await applyMicrophone();
}

export function setVolume(participantId: string, volume: number): void {
  const clamped = Math.max(0, Math.min(2, volume));
  voice.setState((s) => ({ volumes: { ...s.volumes, [participantId]: clamped } }));
  applyVolume(participantId);
}

export function setMasterVolume(volume: number): void {
  voice.setState({ masterVolume: Math.max(0, Math.min(1.5, volume)) });
  for (const id of voices.keys()) applyVolume(id);
}

function applyVolume(participantId: string): void {
  const { volumes, masterVolume } = voice.getState();
  const silenced = silencedForMe(participantId); // muted for me, or kept apart by a block
  voices.get(participantId)?.track.setVolume(silenced ? 0 : (volumes[participantId] ?? 1) * masterVolume);
}

export async function chooseInput(deviceId: string): Promise<void> {
  voice.setState({ inputId: deviceId });
  await room?.switchActiveDevice("audioinput", deviceId);
}

/** Must run inside a user gesture (a click on "Enable audio"). */
export async function startAudio(): Promise<void> {
  await sharedAudioContext().resume();
  await room?.startAudio();
  voice.setState({ needsAudioStart: !(room?.canPlaybackAudio ?? true) });
}

async function applyMicrophone(): Promise<void> {
  const lk = room;
  if (!lk || lk.state !== ("connected" as Room["state"])) return; // ConnectionState.Connected
  const { selfMuted, micAllowed, inputId } = voice.getState();
  // Tokens never carry the publish right: the server grants it once we are in the voice room.
  const granted = lk.localParticipant.permissions?.canPublish ?? false;
  const enabled = micAllowed && !selfMuted && granted;
  try {
    // Never turns a microphone on that the user muted; the server decides whether we may publish.
    const stillConnected = () => room === lk && lk.state === ("connected" as Room["state"]);
    const processing = await (await loadProcessing()).enableMicrophone(lk.localParticipant, enabled, micSettings.getState(), inputId, stillConnected);
    voice.setState({ micError: null, processing });
  } catch (error) {
    // A move to another space left this room mid-publish: the next room's microphone follows.
    if (room !== lk || lk.state !== ("connected" as Room["state"])) return;
    voice.setState({ micError: micErrorText(error) });
  }
}

/** The microphone settings changed (noise filter, disguise, the browser's own processing). */
export async function applyMicSettings(): Promise<void> {
  const lk = room;
  if (!lk || lk.state !== ("connected" as Room["state"])) return;
  try {
    const processing = await (await loadProcessing()).updateProcessing(lk.localParticipant, micSettings.getState(), voice.getState().inputId);
    voice.setState({ micError: null, processing });
  } catch (error) {
    voice.setState({ micError: micErrorText(error), selfMuted: true, processing: { noiseFilter: "off", disguise: "off" } });
  }
}

function micErrorText(error: unknown): string {
  if (error instanceof Error && error.name === "DisguiseUnavailable") return "Your voice disguise could not start here, so your microphone stays off.";
  const denied = error instanceof Error && error.name === "NotAllowedError";
  return denied
    ? "Hearth cannot use your microphone. You can still listen, and use the chat to take part."
    : "Your microphone could not be started.";
}

async function refreshInputs(LK: LiveKit): Promise<void> {
  const devices = await LK.Room.getLocalDevices("audioinput", false);
  voice.setState({ inputs: devices.map((d) => ({ deviceId: d.deviceId, label: d.label || "Microphone" })) });
}

function wire(lk: Room, LK: LiveKit, fetchCredentials: () => Promise<VoiceCredentials>): void {
  const { DisconnectReason, RoomEvent, Track } = LK;
  lk.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, participant: RemoteParticipant) => {
    if (track.kind !== Track.Kind.Audio || isHiddenFromMe(participant.identity)) return;
    addVoice(participant.identity, track as RemoteAudioTrack);
  });
  lk.on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack, _pub, participant: RemoteParticipant) => {
    if (track.kind === Track.Kind.Audio) dropVoice(participant.identity);
  });
  lk.on(RoomEvent.ActiveSpeakersChanged, (speakers: Participant[]) => {
    voice.setState({ speaking: speakers.map((p) => p.identity) });
    audioLevels.clear();
    for (const p of speakers) audioLevels.set(p.identity, p.audioLevel);
  });
  lk.on(RoomEvent.AudioPlaybackStatusChanged, () => voice.setState({ needsAudioStart: !lk.canPlaybackAudio }));
  lk.on(RoomEvent.ParticipantPermissionsChanged, (_prev, participant: Participant) => {
    if (participant !== lk.localParticipant) return;
    const canPublish = participant.permissions?.canPublish ?? false;
    // The grant after joining changes nothing in the circle's state, but the microphone may start now.
    void setMicAllowed(canPublish).then(() => (canPublish ? applyMicrophone() : undefined));
  });
  lk.on(RoomEvent.MediaDevicesChanged, () => void refreshInputs(LK));
  lk.on(RoomEvent.Reconnecting, () => voice.setState({ status: "reconnecting" }));
  lk.on(RoomEvent.Reconnected, () => voice.setState({ status: "connected" }));
  lk.on(RoomEvent.Disconnected, (reason?: LiveKit["DisconnectReason"][keyof LiveKit["DisconnectReason"]]) => {
    if (room !== lk) return;
    // Hearth's server ended this voice connection on purpose (a move to a breakout or the waiting
    // room, the session's end): nothing to come back to; the circle's state says where to go next.
    if (reason === DisconnectReason.PARTICIPANT_REMOVED || reason === DisconnectReason.ROOM_DELETED) {
      room = null;
      for (const id of [...voices.keys()]) dropVoice(id);
      voice.setState({ status: "off", speaking: [] });
      return;
    }
    scheduleReconnect(fetchCredentials);
  });
}

let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
let reconnectDelay = 1000;

/** LiveKit down or restarted: keep the circle going and come back by ourselves. */
function scheduleReconnect(fetchCredentials: () => Promise<VoiceCredentials>): void {
  voice.setState({ status: "reconnecting", speaking: [] });
  for (const id of [...voices.keys()]) dropVoice(id);
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(() => {
    reconnectDelay = Math.min(reconnectDelay * 2, 10_000);
    void connectVoice(fetchCredentials).then(() => {
      if (voice.getState().status === "connected") reconnectDelay = 1000;
    });
  }, reconnectDelay);
}

function addVoice(id: string, track: RemoteAudioTrack): void {
  dropVoice(id);
  const panner = createVoicePanner(sharedAudioContext());
  track.setWebAudioPlugins([panner]);
  // Chromium plays a remote WebRTC stream into WebAudio only while a (muted) element plays it too.
  const element = track.attach();
  voices.set(id, { track, panner, element });
  applyVolume(id);
}

function dropVoice(id: string): void {
  const entry = voices.get(id);
  if (!entry) return;
  entry.track.detach();
  entry.element.remove();
  entry.panner.disconnect();
  voices.delete(id);
}
