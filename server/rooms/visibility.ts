import type { Client } from "@colyseus/core";
import { type MapSchema, StateView } from "@colyseus/schema";
import { isPrivateTalk, Spaces } from "../../shared/facilitation.ts";
import type { Participant } from "./state.ts";

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Who receives whose participant state. `CircleState.participants` is tagged `@view()`, so a
 * client gets a participant (seat, flags, poses) only once that participant is added to the
 * client's StateView. Everyone sees everyone, except pairs kept apart by a block: neither ever
 * receives the other's state, not even a first patch.
 *
 * A newcomer first sees only themselves; `reveal` shows them to the others (and the others to
 * them) once the room knows their blocks (loaded from the store for a participant key).
 * Someone in the waiting room is private: only they and the facilitators receive their state
 * (so they are in nobody else's people list or count) until they are let in. So are the two in a
 * private conversation: only each other and the facilitators. `refresh` follows a change of space.
 * Views survive a dropped connection: Colyseus hands the same view to the reconnected client.
 */
export class Visibility {
  private readonly views = new Map<string, StateView>();
  private readonly revealed = new Set<string>();
  private readonly apart = new Set<string>();

  constructor(private readonly participants: () => MapSchema<Participant>) {}

  /** Gives a joining client its own view, showing only itself for now. */
  attach(client: Client, participant: Participant): void {
    const view = new StateView();
    view.add(participant);
    client.view = view;
    this.views.set(participant.id, view);
  }

  /** Shows `id` to everyone revealed who is not kept apart from them, and them to `id`. */
  reveal(id: string): void {
    const participants = this.participants();
    const self = participants.get(id);
    const view = this.views.get(id);
    if (!self || !view || this.revealed.has(id)) return;
    this.revealed.add(id);
    this.refresh(id);
  }

  /** Brings `id`'s view and everyone's view of `id` in line with who may see whom now (after a change of space). */
  refresh(id: string): void {
    const participants = this.participants();
    const self = participants.get(id);
    const view = this.views.get(id);
    if (!self || !view || !this.revealed.has(id)) return;
    for (const otherId of this.revealed) {
      const other = otherId === id ? undefined : participants.get(otherId);
      if (!other) continue;
      setShown(view, other, this.canSee(id, otherId));
      const otherView = this.views.get(otherId);
      if (otherView) setShown(otherView, self, this.canSee(otherId, id));
    }
  }

  /** Nobody kept apart, nobody waiting (to be revealed or in the waiting room): everyone may see everyone. */
  everyoneSeesEveryone(): boolean {
    if (this.apart.size !== 0 || this.revealed.size !== this.views.size) return false;
    for (const p of this.participants().values()) if (p.space === Spaces.Waiting || isPrivateTalk(p.space)) return false;
    return true;
  }

  isApart(a: string, b: string): boolean {
    return this.apart.has(pairKey(a, b));
  }

  /** Whether `viewer` receives `target`'s state. */
  canSee(viewer: string, target: string): boolean {
    if (viewer === target) return this.views.has(viewer);
    // Asked often (poses): skip building the pair key when nobody is apart.
    if (!this.revealed.has(viewer) || !this.revealed.has(target)) return false;
    if (this.apart.size !== 0 && this.isApart(viewer, target)) return false;
    const participants = this.participants();
    const space = participants.get(target)?.space ?? Spaces.Main;
    if (space !== Spaces.Waiting && !isPrivateTalk(space)) return true;
    const seer = participants.get(viewer);
    return seer?.role === "facilitator" || (isPrivateTalk(space) && seer?.space === space);
  }

  /** Keeps a pair apart (block) or lets them see each other again (unblock). */
  setApart(a: string, b: string, apart: boolean): void {
    if (a === b) return;
    const key = pairKey(a, b);
    if (apart === this.apart.has(key)) return;
    const participants = this.participants();
    const [pa, pb] = [participants.get(a), participants.get(b)];
    if (apart) {
      this.apart.add(key);
      if (pa && pb) {
        this.removeFrom(a, pb);
        this.removeFrom(b, pa);
      }
    } else {
      this.apart.delete(key);
      if (pa && pb && this.revealed.has(a) && this.revealed.has(b)) {
        const [va, vb] = [this.views.get(a), this.views.get(b)];
        if (va) setShown(va, pb, this.canSee(a, b));
        if (vb) setShown(vb, pa, this.canSee(b, a));
      }
    }
  }

  /** Everyone kept apart from `id`. */
  apartFrom(id: string): string[] {
    const others: string[] = [];
    for (const key of this.apart) {
      const [a, b] = key.split("|") as [string, string];
      if (a === id) others.push(b);
      else if (b === id) others.push(a);
    }
    return others;
  }

  /** The participant left for good: drop their view and pairs. */
  forget(id: string): void {
    this.views.delete(id);
    this.revealed.delete(id);
    for (const other of this.apartFrom(id)) this.apart.delete(pairKey(id, other));
  }

  private removeFrom(viewerId: string, target: Participant): void {
    const view = this.views.get(viewerId);
    if (view?.has(target)) view.remove(target);
  }
}

function setShown(view: StateView, target: Participant, shown: boolean): void {
  if (shown && !view.has(target)) view.add(target);
  else if (!shown && view.has(target)) view.remove(target);
}
