import { createStore } from "zustand/vanilla";

/**
 * VR comfort settings, kept on this device: a vignette that narrows the view during a snap turn,
 * and the seated eye height (your head is placed at the seat's eye height whether you sit or stand;
 * this raises or lowers it for shorter or taller people).
 */
export const SEAT_HEIGHTS = { lower: -0.12, seated: 0, higher: 0.12 } as const;
export type SeatHeight = keyof typeof SEAT_HEIGHTS;
const ORDER: SeatHeight[] = ["lower", "seated", "higher"];
const KEY = "hearth.xrComfort";

interface Comfort {
  vignette: boolean;
  seatHeight: SeatHeight;
}

function load(): Comfort {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Comfort>;
    return { vignette: saved.vignette !== false, seatHeight: ORDER.find((h) => h === saved.seatHeight) ?? "seated" };
  } catch {
    return { vignette: true, seatHeight: "seated" };
  }
}

export const xrComfort = createStore<Comfort>(() => (typeof localStorage === "undefined" ? { vignette: true, seatHeight: "seated" } : load()));

function save(): void {
  localStorage.setItem(KEY, JSON.stringify(xrComfort.getState()));
}

export function setVignette(on: boolean): void {
  xrComfort.setState({ vignette: on });
  save();
}

export function nextSeatHeight(): void {
  const current = ORDER.indexOf(xrComfort.getState().seatHeight);
  xrComfort.setState({ seatHeight: ORDER[(current + 1) % ORDER.length]! });
  save();
}

/** The vignette's strength right now (0–1): set to 1 by a snap turn, eased off per frame. */
export const vignette = { strength: 0 };

export function snapTurned(): void {
  if (xrComfort.getState().vignette) vignette.strength = 1;
}
