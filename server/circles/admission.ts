import type { IncomingHttpHeaders } from "node:http";
import type { Role } from "../../shared/protocol.ts";
import { findAuthSession, sessionTokenFromCookie } from "../accounts/auth-sessions.ts";
import type { Clock } from "../clock.ts";
import { activeRegistrationFor, findOwnRegistration } from "../registrations/registrations-store.ts";
import { isBanned } from "../safety/bans.ts";
import { type OriginPolicy, upgradeFromOwnOrigin } from "../http/same-origin.ts";
import { findSession } from "../scheduling/sessions.ts";
import type { Db } from "../store/db.ts";
import { sha256 } from "../store/ids.ts";
import type { CircleInfo } from "./catalog.ts";
import { findCircle, mayFacilitate } from "./circles-store.ts";

/** What the room knows about a join before admitting it. */
export interface JoinRequest {
  circle: CircleInfo;
  sessionId?: string;
  participantKey?: string;
  registrationId?: string;
  inviteToken?: string;
  /** Chosen by the person: used in the open circle and by invite-link holders. */
  pseudonym?: string;
  /** The WebSocket upgrade request's headers (cookie, origin, host). */
  headers: IncomingHttpHeaders;
  /** A bearer token (`client.auth.token`): a session token for clients without cookies. */
  token?: string;
}

export interface Admitted {
  pseudonym: string;
  role: Role;
  accountId?: string;
  participantKeyHash?: string;
  registrationId?: string;
}

export type AdmissionResult = { ok: true; admitted: Admitted } | { ok: false; code: number; reason: string };

/** Decides who may enter a circle room. The room asks; this answers with a reason when it says no. */
export interface JoinAdmission {
  admit(request: JoinRequest): Promise<AdmissionResult>;
}

const refuse = (code: number, reason: string): AdmissionResult => ({ ok: false, code, reason });

/** The always-open demo circle: anyone with a pseudonym. */
function admitToOpenCircle(request: JoinRequest): AdmissionResult {
  if (!request.pseudonym) return refuse(400, "pseudonym: Please choose a pseudonym.");
  return { ok: true, admitted: { pseudonym: request.pseudonym, role: "participant" } };
}

/** Without a store only always-open circles exist. */
export const openCircleAdmission: JoinAdmission = {
  admit: async (request) =>
    request.circle.alwaysOpen ? admitToOpenCircle(request) : refuse(403, "This circle is not open to drop-in visitors."),
};

/**
 * Scheduled sessions admit, from the time the lobby opens until the session ends:
 * the circle's facilitators (and its host), signed in, with the facilitator role; participants
 * registered for the session (not waitlisted), with the pseudonym they registered with; and,
 * for an invite-only circle, holders of its invite link with a pseudonym of their choice.
 * A banned participant key is refused in every case.
 */
export function storeAdmission(db: Db, clock: Clock, origins: OriginPolicy = {}): JoinAdmission {
  return {
    async admit(request) {
      if (request.circle.alwaysOpen) {
        // Drop-in, but a device key still ties the visit to bans from this circle.
        const open = admitToOpenCircle(request);
        if (!open.ok || !request.participantKey) return open;
        const keyHash = sha256(request.participantKey);
        if (await isBanned(db, request.circle.id, keyHash)) return refuse(403, "You cannot join this circle.");
        return { ok: true, admitted: { ...open.admitted, participantKeyHash: keyHash } };
      }
      if (!request.sessionId) return refuse(400, "This circle meets in scheduled sessions: please join from the session's page.");
      const [circle, session] = await Promise.all([findCircle(db, request.circle.id), findSession(db, request.sessionId)]);
      if (!circle || !session || session.circleId !== circle.id) return refuse(404, "There is no such session in this circle.");
      if (session.status !== "scheduled") return refuse(410, "This session was cancelled.");

      const now = clock.now();
      if (now < session.lobbyOpensAt) {
        const minutes = Math.ceil((session.lobbyOpensAt.getTime() - now.getTime()) / 60_000);
        return refuse(403, `The lobby is not open yet: it opens at ${session.lobbyOpensAt.toISOString()} (in ${minutes} minute${minutes === 1 ? "" : "s"}).`);
      }
      if (now >= session.end) return refuse(410, "This session has ended.");

      const account = await signedInAccount(db, request, now, origins);
      if (account && mayFacilitate(circle, account.id)) {
        return { ok: true, admitted: { pseudonym: account.displayName, role: "facilitator", accountId: account.id } };
      }

      if (!request.participantKey) {
        return refuse(401, "Only people registered for this session can join. Please register on the session's page first.");
      }
      const keyHash = sha256(request.participantKey);
      if (await isBanned(db, circle.id, keyHash)) return refuse(403, "You cannot join this circle.");

      const registration = request.registrationId
        ? await findOwnRegistration(db, keyHash, request.registrationId)
        : await activeRegistrationFor(db, keyHash, session.id);
      if (registration && registration.sessionId === session.id) {
        if (registration.status === "registered") {
          return {
            ok: true,
            admitted: { pseudonym: registration.pseudonym, role: "participant", participantKeyHash: keyHash, registrationId: registration.id },
          };
        }
        if (registration.status === "waitlisted") {
          return refuse(403, "You are on the waitlist for this session. You can join as soon as a place frees up for you.");
        }
      }
      if (circle.visibility === "invite" && request.inviteToken && request.inviteToken === circle.inviteToken) {
        if (!request.pseudonym) return refuse(400, "pseudonym: Please choose a pseudonym.");
        return { ok: true, admitted: { pseudonym: request.pseudonym, role: "participant", participantKeyHash: keyHash } };
      }
      return refuse(403, "Only people registered for this session can join. Please register on the session's page first.");
    },
  };
}

/** The account signed in on the upgrade request: by cookie (same site only) or bearer token. */
async function signedInAccount(db: Db, request: JoinRequest, now: Date, origins: OriginPolicy) {
  const cookieToken = sessionTokenFromCookie(request.headers.cookie);
  if (cookieToken && upgradeFromOwnOrigin(request.headers, origins)) {
    const signedIn = await findAuthSession(db, cookieToken, now);
    if (signedIn) return signedIn.account;
  }
  if (request.token) return (await findAuthSession(db, request.token, now))?.account;
  return undefined;
}

