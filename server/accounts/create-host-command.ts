/**
 * `npm run create-host -- --email host@example.org --password '…' [--name 'Sam']`
 * Creates a host account in the configured store (DATABASE_URL or DATA_DIR), whether or not
 * another host exists. The first-run page (/setup) does the same only while there is none.
 */
import { parseArgs } from "node:util";
import { newAccountSchema } from "../../shared/scheduling-schemas.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open-store.ts";
import { createAccount, EmailTakenError } from "./accounts-store.ts";

const { values } = parseArgs({
  options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
});
const parsed = newAccountSchema.safeParse({
  email: values.email,
  password: values.password,
  displayName: values.name ?? values.email?.split("@")[0],
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
  console.error("Usage: npm run create-host -- --email host@example.org --password 'a long password' [--name 'Sam']");
  process.exit(2);
}

const config = loadConfig();
const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  const now = new Date();
  const account = await createAccount(db, { ...parsed.data, role: "host" }, now);
  await recordAudit(db, now, { actorId: null, actorKind: "system", action: "account.host_created_by_command", target: account.id });
  process.stdout.write(`Created host ${account.email} (${account.id}).\n`);
} catch (error) {
  if (error instanceof EmailTakenError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await db.close();
}
