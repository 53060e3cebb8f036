/**
 * LiveKit room names, derived from the Colyseus roomId and the participant's space: the main
 * circle talks in `hearth-<roomId>`, a breakout in `hearth-<roomId>~breakout-<name>`.
 */
const PREFIX = "hearth-";
const SPACE_SEPARATOR = "~";
export const MAIN_SPACE = "main";

export function voiceRoomName(roomId: string, space: string = MAIN_SPACE): string {
  if (space === MAIN_SPACE) return `${PREFIX}${roomId}`;
  return `${PREFIX}${roomId}${SPACE_SEPARATOR}${space.replace(/[^a-z0-9-]/g, "-")}`;
}

/** The Colyseus roomId and voice suffix behind a voice room name, or null for a room Hearth did not name. */
export function parseVoiceRoom(voiceRoom: string): { roomId: string; space: string } | null {
  if (!voiceRoom.startsWith(PREFIX) || voiceRoom.length === PREFIX.length) return null;
  const [roomId, suffix] = voiceRoom.slice(PREFIX.length).split(SPACE_SEPARATOR, 2);
  if (!roomId) return null;
  return { roomId, space: suffix ? suffix.replace(/^(breakout|private)-/, "$1:") : MAIN_SPACE };
}

export function circleRoomIdOf(voiceRoom: string): string | null {
  return parseVoiceRoom(voiceRoom)?.roomId ?? null;
}
