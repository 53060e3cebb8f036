import { createStore } from "zustand/vanilla";

/** The personal boundary: avatars closer than this to your head fade for you (metres). */
export const BOUNDARY_METRES = 1.2;
/** Inside this distance an avatar is at its faintest. */
export const BOUNDARY_INNER_METRES = 0.6;

const KEY = "hearth.safetySettings";

export interface SafetySettings {
  /** On by default: nobody can put their avatar in your face. */
  boundary: boolean;
}

function load(): SafetySettings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<SafetySettings>;
    return { boundary: saved.boundary !== false };
  } catch {
    return { boundary: true };
  }
}

export const safetySettings = createStore<SafetySettings>(() => (typeof localStorage === "undefined" ? { boundary: true } : load()));

export function setBoundary(on: boolean): void {
  safetySettings.setState({ boundary: on });
  localStorage.setItem(KEY, JSON.stringify(safetySettings.getState()));
}
