import { one, type Queryable } from "../store/db.ts";
import { newSecret, sha256 } from "../store/ids.ts";
import type { Account, AccountRole } from "./accounts-store.ts";

export const SESSION_COOKIE = "hearth_session";
export const SESSION_DAYS = 14;

export interface SignedIn {
  account: Account;
  csrfToken: string;
  tokenHash: string;
}

/** Starts a signed-in session. The raw token goes into the cookie; the store keeps its hash. */
export async function startAuthSession(db: Queryable, accountId: string, now: Date): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.query(
    "INSERT INTO auth_sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    [sha256(token), accountId, csrfToken, now, expiresAt],
  );
  return { token, csrfToken, expiresAt };
}

export async function findAuthSession(db: Queryable, token: string, now: Date): Promise<SignedIn | undefined> {
  const row = await one<{
    token_hash: string;
    csrf_token: string;
    id: string;
    email: string;
    display_name: string;
    role: AccountRole;
    invited_by: string | null;
  }>(
    db,
    `SELECT s.token_hash, s.csrf_token, a.id, a.email, a.display_name, a.role, a.invited_by
       FROM auth_sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [sha256(token), now],
  );
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    account: { id: row.id, email: row.email, displayName: row.display_name, role: row.role, invitedBy: row.invited_by },
  };
}

export async function endAuthSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query("DELETE FROM auth_sessions WHERE token_hash = $1", [tokenHash]);
}

/** The session token from a Cookie header, if any. */
export function sessionTokenFromCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
