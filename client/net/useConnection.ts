import { useStore } from "zustand";
import { connection, type ConnectionState, type ParticipantSummary, selfIn } from "./connection.ts";

export function useConnection<T>(selector: (state: ConnectionState) => T): T {
  return useStore(connection, selector);
}

/**
 * Our own participant (undefined until seated), or what `select` picks from it. Select a field
 * where you can: the whole participant changes with every state change of ours.
 */
export function useSelf(): ParticipantSummary | undefined;
export function useSelf<T>(select: (self: ParticipantSummary | undefined) => T): T;
export function useSelf<T>(select?: (self: ParticipantSummary | undefined) => T): T | ParticipantSummary | undefined {
  return useStore(connection, (s) => (select ? select(selfIn(s)) : selfIn(s)));
}
