import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port.ts";

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Debian's /usr/lib/postgresql/<version>/bin (newest), or PG_BIN_DIR. */
function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error("PostgreSQL is not installed: run `node scripts/ensure.mjs postgres` (the test command does this first).");
  return path.join(root, versions[0], "bin");
}

/**
 * Starts a throwaway PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 at a free
 * port (and a unix socket inside the folder), with one database. PostgreSQL refuses to run as
 * root, so as root the cluster belongs to the `postgres` user (runuser). `stop()` removes it all.
 */
export async function startTestPostgres(database = "hearth_test"): Promise<TestPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-pg-"));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  mkdirSync(socketDir);
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(socketDir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const [c, a] = as(path.join(bin, cmd), args);
    const result = spawnSync(c, a, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${cmd} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  };

  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  const port = await freePort();
  const options = [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-k ${socketDir}`, "-c fsync=off", "-c max_connections=50"].join(" ");
  run("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);

  const stop = async () => {
    try {
      run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, stop };
}
