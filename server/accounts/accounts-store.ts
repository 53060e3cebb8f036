import { isUniqueViolation, one, type Queryable } from "../store/db.ts";
import { newId } from "../store/ids.ts";
import { hashPassword } from "./passwords.ts";

export type AccountRole = "host" | "facilitator";

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  invitedBy: string | null;
}

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  role: AccountRole;
  invited_by: string | null;
  password_hash: string;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  invitedBy: r.invited_by,
});

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
  }
}

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  role: AccountRole;
  invitedBy?: string | null;
}

export async function createAccount(db: Queryable, input: NewAccount, now: Date): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await one<AccountRow>(
      db,
      `INSERT INTO accounts (id, email, password_hash, display_name, role, invited_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [newId(), input.email.trim(), passwordHash, input.displayName.trim(), input.role, input.invitedBy ?? null, now],
    );
    return toAccount(row!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<(Account & { passwordHash: string }) | undefined> {
  const row = await one<AccountRow>(db, "SELECT * FROM accounts WHERE lower(email) = lower($1)", [email.trim()]);
  return row && { ...toAccount(row), passwordHash: row.password_hash };
}

export async function findAccount(db: Queryable, id: string): Promise<Account | undefined> {
  const row = await one<AccountRow>(db, "SELECT * FROM accounts WHERE id = $1", [id]);
  return row && toAccount(row);
}

export async function countHosts(db: Queryable): Promise<number> {
  const row = await one<{ n: number }>(db, "SELECT count(*)::int AS n FROM accounts WHERE role = 'host'");
  return row?.n ?? 0;
}

/** Facilitators a host invited, for the circle editor's choice of default facilitators. */
export async function facilitatorsInvitedBy(db: Queryable, hostId: string): Promise<Account[]> {
  const rows = await db.query<AccountRow>(
    "SELECT * FROM accounts WHERE invited_by = $1 AND role = 'facilitator' ORDER BY display_name",
    [hostId],
  );
  return rows.map(toAccount);
}
