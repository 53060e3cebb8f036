import { connection, JOIN_OPTIONS_KEY } from "./connection.ts";

/**
 * Which pseudonyms this browser's other windows are using in a circle right now, so a second
 * window offers a fresh name instead of the saved one (which the circle would refuse as taken).
 * A window in a circle holds a Web Lock named after its pseudonym; a crashed tab lets go of it,
 * so coming back after a crash still pre-fills the saved name and takes the held seat back.
 */
const PREFIX = "hearth.in-circle:";
/** The look-alike key brings the confusables table: loaded when a name is first compared. */
const lockName = async (pseudonym: string) => `${PREFIX}${(await import("../../shared/pseudonym-key.ts")).pseudonymKey(pseudonym)}`;
let release: (() => void) | null = null;
/** In a circle (a lock is held or on its way): set by hold, cleared by letGo. */
let holding = false;

function hold(pseudonym: string): void {
  if (holding || !navigator.locks) return;
  holding = true;
  void lockName(pseudonym).then((name) => {
    if (!holding) return; // left before the key was ready
    void navigator.locks.request(name, () =>
      new Promise<void>((resolve) => {
        if (holding) release = resolve;
        else resolve();
      }),
    );
  });
}

function letGo(): void {
  holding = false;
  release?.();
  release = null;
}

/** Whether another window of this browser is in a circle as `pseudonym`. */
export async function nameInUseByAnotherWindow(pseudonym: string): Promise<boolean> {
  if (!navigator.locks || holding) return false;
  const { held = [] } = await navigator.locks.query();
  const ours = held.filter((lock) => lock.name?.startsWith(PREFIX));
  if (ours.length === 0) return false; // no other window in a circle: no need for the look-alike key
  const name = await lockName(pseudonym);
  return ours.some((lock) => lock.name === name);
}

connection.subscribe((s, prev) => {
  if (s.status === prev.status) return;
  if (s.status === "in-circle") {
    const self = s.room?.state.participants?.get(s.room.sessionId);
    const pseudonym = self?.pseudonym ?? joinedAs();
    if (pseudonym) hold(pseudonym);
  } else if (s.status === "idle" || s.status === "left") letGo();
});

function joinedAs(): string | undefined {
  try {
    const options = JSON.parse(sessionStorage.getItem(JOIN_OPTIONS_KEY) ?? "{}") as { pseudonym?: unknown };
    return typeof options.pseudonym === "string" ? options.pseudonym : undefined;
  } catch {
    return undefined;
  }
}
