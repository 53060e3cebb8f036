import type { CircleStateFields, GuideStepFields, ParticipantFields } from "../../shared/circle-state.ts";

/**
 * The CircleRoom state as the client sees it (decoded by reflection). The fields come from the one
 * definition in shared/circle-state.ts, which the server's schema implements; only the collections'
 * shapes are the client's own (read-only views of the schema's map and array).
 */
export type ParticipantStateView = Readonly<ParticipantFields>;

export interface CircleStateView extends Readonly<CircleStateFields> {
  /** Raised hands in the order they went up. */
  handQueue: { toArray(): string[] } & Iterable<string>;
  /** The facilitator guide's steps, set once when the room opens. */
  guide: Iterable<Readonly<GuideStepFields>>;
  participants: {
    get(id: string): ParticipantStateView | undefined;
    has(id: string): boolean;
    forEach(cb: (p: ParticipantStateView, id: string) => void): void;
    readonly size: number;
  };
}
