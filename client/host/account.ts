import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { AccountView, MeResponse } from "../../shared/scheduling-api.ts";
import { api, setCsrfToken } from "../schedule/api.ts";

/** Who is signed in (host or facilitator), shared by the host and facilitator pages. */
interface AccountState {
  loaded: boolean;
  account: AccountView | null;
}

export const accountStore = createStore<AccountState>(() => ({ loaded: false, account: null }));

export function useAccount(): AccountState {
  return useStore(accountStore);
}

/** Applies a sign-in, setup or /me answer: account and CSRF token. */
export function signedIn(body: MeResponse): void {
  setCsrfToken(body.csrfToken);
  accountStore.setState({ loaded: true, account: body.account });
}

export async function loadAccount(): Promise<void> {
  try {
    signedIn(await api<MeResponse>("/api/auth/me"));
  } catch {
    accountStore.setState({ loaded: true, account: null });
  }
}

export async function signOut(): Promise<void> {
  await api("/api/auth/sign-out", { method: "POST" });
  signedIn({ account: null, csrfToken: null });
}
