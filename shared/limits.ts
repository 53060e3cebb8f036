/** Numbers both sides agree on. Change them here and nowhere else. */
export const CIRCLE_CAPACITY_DEFAULT = 12;
export const CIRCLE_CAPACITY_MIN = 2;
export const CIRCLE_CAPACITY_MAX = 16;

export const PSEUDONYM_MIN_LENGTH = 2;
export const PSEUDONYM_MAX_LENGTH = 24;

/** A dropped connection keeps its seat and flags this long. */
export const RECONNECT_GRACE_SECONDS = 30;

/** Poses are sent at most this often by a client, and only while they change. */
export const POSE_SEND_HZ = 20;
/** The server drops poses arriving faster than this (per client). */
export const POSE_MAX_HZ = 30;
/** Movement below these thresholds is not worth a packet. */
export const POSE_SEND_MIN_METRES = 0.005;
export const POSE_SEND_MIN_RADIANS = 0.01;

/** How far (metres) a head may wander from its seat, and a hand from its head. */
export const HEAD_MAX_DISTANCE_FROM_SEAT = 1.5;
export const HEAD_MAX_HEIGHT = 2.6;
export const HAND_MAX_DISTANCE_FROM_HEAD = 1.3;

/** Seated eye height used for desktop users and as the XR fallback. */
export const SEATED_EYE_HEIGHT = 1.15;
/** Distance between neighbouring seats; the circle's radius follows from it. */
export const SEAT_SPACING = 1.3;
export const CIRCLE_MIN_RADIUS = 1.8;

/** Largest WebSocket message the server accepts, in bytes; larger ones close the connection. */
export const MAX_MESSAGE_BYTES = 4096;

/** Per-client action limit of a circle room (a token bucket: sustained rate, burst). Chat has its own (shared/chat.ts). */
export const ACTIONS_PER_SECOND = 5;
export const ACTION_BURST = 10;

/** Largest /matchmake (join) request body; larger ones get 413 before anything reads them. */
export const MATCHMAKE_BODY_LIMIT_BYTES = 16 * 1024;
/** Seats one address may hold without connecting to them; a further join releases its oldest. */
export const MAX_PENDING_RESERVATIONS_PER_ADDRESS = 4;
/** Clients a circle room takes beyond its seats: reconnecting seats, facilitators and the waiting room's turn-over. */
export const ROOM_CLIENT_MARGIN = 4;
