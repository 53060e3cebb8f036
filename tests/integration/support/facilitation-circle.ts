/**
 * The in-process Hearth and the people of the facilitation tests (tests/integration/facilitation-*.test.ts):
 * a facilitator and participants as real colyseus.js clients, and what the server wrote down.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { type HearthServer, startHearth } from "../../../server/app.ts";
import { loadConfig } from "../../../server/config.ts";
import type { Participant } from "../../../server/rooms/state.ts";
import { sha256 } from "../../../server/store/ids.ts";
export type { Person };
import type { FacilitatorAction } from "../../../shared/facilitation.ts";
import { newParticipantKey } from "../../../shared/participant-key.ts";
import { enterAsPerson, type Person } from "../../support/circle-client.ts";
import { freePort } from "../../support/free-port.ts";
import { sleep, waitFor } from "../../support/wait.ts";

export const CAPACITY = 8;
export const FACILITATOR_KEY = "a-facilitator-key-for-tests";

export let hearth: HearthServer;
export let colyseus: ColyseusTestServer;
let dataDir: string;

/** Joins the open circle of the running test Hearth. */
export const join = (pseudonym: string, options: Record<string, unknown> = {}): Promise<Person> => enterAsPerson(colyseus.sdk, pseudonym, options);

/** A participant with a device key (so a ban can persist). */
export const participant = (pseudonym: string) => join(pseudonym, { participantKey: newParticipantKey() });
/** Someone who entered with the open circle's facilitator key. */
export const facilitator = (pseudonym: string) => join(pseudonym, { facilitatorKey: FACILITATOR_KEY });

export const facilitate = (who: Person, action: FacilitatorAction) => who.room.send("facilitate", action);

/** `who` as `viewer` currently sees them. */
export const seen = (viewer: Person, who: Person | string): Participant | undefined =>
  viewer.room.state.participants.get(typeof who === "string" ? who : who.id);
export const snapshot = (viewer: Person) => viewer.room.state.toJSON() as {
  phase: string;
  phaseStartedAt: number;
  locked: boolean;
  roundActive: boolean;
  roundHolder: string;
  shareEndsAt: number;
  handQueue: string[];
  participants: Record<string, Record<string, unknown>>;
};

/** Waits until everyone in `people` sees everyone in `people`. */
export async function allSeeEachOther(...people: Person[]): Promise<void> {
  for (const viewer of people) {
    for (const other of people) await waitFor(`${viewer.pseudonym} to see ${other.pseudonym}`, () => seen(viewer, other));
  }
}

/** The code the server closed `who`'s connection with, or a description of what happened instead. */
export const closeCode = (who: Person, ms = 5000): Promise<number | string> =>
  Promise.race([who.closed, sleep(ms).then(() => `still open after ${ms} ms (errors: ${JSON.stringify(who.errors)})`)]);
export const nextError = (who: Person, after = who.errors.length) => waitFor(`an error for ${who.pseudonym}`, () => who.errors[after]);
export const noticeOf = (who: Person, kind: string) => waitFor(`a "${kind}" notice for ${who.pseudonym}`, () => who.notices.find((n) => n.kind === kind));

export interface AuditRecord {
  action: string;
  target: string | null;
  actor_kind: string;
  actor_id: string | null;
  circle_id: string | null;
}
export const auditRows = () => hearth.scheduling.db.query<AuditRecord>("SELECT action, target, actor_kind, actor_id, circle_id FROM audit_log ORDER BY id");
/** The audit rows written for `actor` (identified in the row by their participant id). */
export const auditOf = async (actor: Person) => (await auditRows()).filter((r) => r.action.includes(actor.id));
export async function auditEntry(actor: Person, action: RegExp): Promise<AuditRecord> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const row = (await auditOf(actor)).find((r) => action.test(r.action));
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`No audit row matching ${action} for ${actor.pseudonym}: ${JSON.stringify(await auditOf(actor))}`);
    await sleep(20);
  }
}
export const bansFor = (key: string) =>
  hearth.scheduling.db.query<{ circle_id: string }>("SELECT circle_id FROM bans WHERE participant_key_hash = $1", [sha256(key)]);

/** colyseus.js warns on every refused join and closed connection; those are expected here. */
function hideExpectedClientWarnings(): void {
  const expected = /^(colyseus\.js - onError|Room connection was closed unexpectedly)/;
  const warn = console.warn.bind(console);
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!expected.test(String(args[0]))) warn(...args);
  });
}

export async function startTestHearth(): Promise<void> {
  hearth = await startHearth(
    loadConfig({
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      CLIENT_DIR: "nonexistent",
      OPEN_CIRCLE_CAPACITY: String(CAPACITY),
      VOICE: "off",
      DATA_DIR: dataDir,
      FACILITATOR_KEY,
    }),
  );
  colyseus = new ColyseusTestServer(hearth.gameServer);
}

/** Starts the test Hearth for the file that calls this (at its top level), and stops it after. */
export function useFacilitationHearth(): void {
  beforeAll(async () => {
    hideExpectedClientWarnings();
    dataDir = mkdtempSync(path.join(tmpdir(), "hearth-facilitation-"));
    await startTestHearth();
  });
  afterEach(() => colyseus.cleanup());
  afterAll(async () => {
    await hearth?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
