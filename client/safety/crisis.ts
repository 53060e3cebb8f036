import { createStore } from "zustand/vanilla";
import { CRISIS_RESOURCES_PATH, type CrisisResources, DEFAULT_CRISIS_RESOURCES } from "../../shared/safety.ts";

/** The deployment's crisis resources, fetched once; the plain default until (or unless) they arrive. */
export const crisisResources = createStore<{ resources: CrisisResources; loaded: boolean }>(() => ({
  resources: DEFAULT_CRISIS_RESOURCES,
  loaded: false,
}));

let loading: Promise<void> | null = null;
export function loadCrisisResources(): Promise<void> {
  loading ??= fetch(CRISIS_RESOURCES_PATH)
    .then((r) => (r.ok ? (r.json() as Promise<CrisisResources>) : Promise.reject(new Error(String(r.status)))))
    .then((resources) => crisisResources.setState({ resources, loaded: true }))
    .catch(() => {
      loading = null; // the default stays; try again next time
    });
  return loading;
}

/** The viewer's likely country (from the browser's language, e.g. en-GB → GB), for ordering. */
export function likelyCountry(): string {
  const region = navigator.language?.split("-")[1];
  return region && /^[A-Za-z]{2}$/.test(region) ? region.toUpperCase() : "";
}

/** Countries with the viewer's first, lines for everyone ("*") last. */
export function orderedCountries(resources: CrisisResources, country = likelyCountry()) {
  const rank = (c: string) => (c === country ? 0 : c === "*" ? 2 : 1);
  return [...resources.countries].sort((a, b) => rank(a.country) - rank(b.country) || a.name.localeCompare(b.name));
}
