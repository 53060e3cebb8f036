#!/usr/bin/env node
// Installs what Hearth needs, idempotently, using only Node's standard library
// (it runs before node_modules exists). Usage: node scripts/ensure.mjs deps chromium ...
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import {
  findLivekitBinary,
  LIVEKIT_GO_PACKAGE,
  LIVEKIT_INSTALL_HELP,
  LIVEKIT_VERSION,
  livekitCacheDir,
  onPath,
} from "./livekit-binary.mjs";

const MIN_NODE_MAJOR = 24;

const steps = {
  /** npm packages, reinstalled only when the lockfile changed. */
  deps() {
    const marker = "node_modules/.package-lock.json";
    if (!existsSync(marker) || statSync(marker).mtimeMs < statSync("package-lock.json").mtimeMs) {
      run("npm", ["ci", "--no-audit", "--no-fund"]);
    }
    checkNode();
  },
  /**
   * Debian's Chromium for the browser tests (never a downloaded browser). On Debian also its
   * emoji font, so the UI's icons show in test screenshots; elsewhere that is not needed.
   */
  chromium() {
    const missing = [];
    if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
    if (onPath("apt-get") && !existsSync("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")) missing.push("fonts-noto-color-emoji");
    if (missing.length) aptInstall(missing);
  },
  /** Debian's PostgreSQL server binaries, for the tests that run the API against a real server. */
  postgres() {
    if (process.env.DATABASE_URL || postgresBinDir()) return;
    aptInstall(["postgresql"]);
  },
  /** Debian's redis-server, for the scale-out tests (several Hearth processes sharing rooms). */
  redis() {
    if (onPath("redis-server")) return;
    aptInstall(["redis-server"]);
  },
  /** livekit-server for voice: found, or built with `go install` into the cache, or explained. */
  livekit() {
    if (process.env.VOICE === "off" || process.env.LIVEKIT_URL) return;
    const found = findLivekitBinary();
    if (found.path) return;
    if (process.env.LIVEKIT_SERVER_BIN) {
      console.error(found.reason);
      process.exit(1);
    }
    const go = onPath("go") ?? (existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : null);
    if (!go) {
      console.error(`${found.reason}\n\n${LIVEKIT_INSTALL_HELP}`);
      process.exit(1);
    }
    const gobin = livekitCacheDir();
    mkdirSync(gobin, { recursive: true });
    console.log(`> GOBIN=${gobin} ${go} install ${LIVEKIT_GO_PACKAGE}@${LIVEKIT_VERSION}`);
    const result = spawnSync(go, ["install", `${LIVEKIT_GO_PACKAGE}@${LIVEKIT_VERSION}`], {
      stdio: "inherit",
      env: { ...process.env, GOBIN: gobin },
    });
    if (result.status !== 0 || !findLivekitBinary().path) {
      console.error(`Building livekit-server with ${go} failed (it needs Go 1.26 or newer).\n\n${LIVEKIT_INSTALL_HELP}`);
      process.exit(result.status || 1);
    }
  },
};

/**
 * Hearth runs on Node 24 LTS. This script itself may run on an older system Node (it is the step
 * that installs node_modules), so it checks the Node that npm scripts will use: the `node` binary
 * the optional dependency node-linux-<arch> links into node_modules/.bin (npm puts that folder
 * first on every script's PATH), or else the system's own.
 */
function checkNode() {
  const local = path.resolve("node_modules/.bin/node");
  const binary = existsSync(local) ? local : process.execPath;
  const version = spawnSync(binary, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout?.trim() ?? "";
  if (Number(version.split(".")[0]) >= MIN_NODE_MAJOR) return;
  console.error(
    `Hearth needs Node ${MIN_NODE_MAJOR} or newer; found ${version || "none"} at ${binary}.\n` +
      `On Linux x64/arm64 \`npm ci\` installs it (optional dependency node-linux-<arch>); ` +
      `elsewhere install Node ${MIN_NODE_MAJOR} LTS from https://nodejs.org and run this again.`,
  );
  process.exit(1);
}

/** Debian's /usr/lib/postgresql/<version>/bin of the newest installed version, or null. */
function postgresBinDir() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(`${root}/${v}/bin/initdb`))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? `${root}/${versions[0]}/bin` : null;
}

function run(command, args) {
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

let aptUpdated = false;
function aptInstall(packages) {
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ["sudo", "-n"];
  try {
    execFileSync("which", ["apt-get"], { stdio: "ignore" });
  } catch {
    console.error(`Please install ${packages.join(", ")} with your system's package manager.`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => {
    const [cmd, ...rest] = [...sudo, "apt-get", ...args];
    console.log(`> ${cmd} ${rest.join(" ")}`);
    const result = spawnSync(cmd, rest, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(`Could not install ${packages.join(", ")}; install them yourself and try again.`);
      process.exit(result.status ?? 1);
    }
  };
  if (!aptUpdated) apt(["update", "-qq"]);
  aptUpdated = true;
  apt(["install", "-y", "-qq", "--no-install-recommends", ...packages]);
}

const wanted = process.argv.slice(2);
for (const name of wanted) {
  const step = steps[name];
  if (!step) {
    console.error(`Unknown step "${name}". Known: ${Object.keys(steps).join(", ")}`);
    process.exit(2);
  }
  step();
}
