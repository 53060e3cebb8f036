import { useStore } from "zustand";
import { connection, type ConnectionState } from "./connection.ts";

export function useConnection<T>(selector: (state: ConnectionState) => T): T {
  return useStore(connection, selector);
}
