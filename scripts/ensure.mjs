#!/usr/bin/env node
// Installs what Hearth needs, idempotently, using only Node's standard library
// (it runs before node_modules exists). Usage: node scripts/ensure.mjs deps chromium ...
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const steps = {
  /** npm packages, reinstalled only when the lockfile changed. */
  deps() {
    const marker = "node_modules/.package-lock.json";
    if (existsSync(marker) && statSync(marker).mtimeMs >= statSync("package-lock.json").mtimeMs) return;
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  },
  /** Debian's Chromium for the browser tests (never a downloaded browser). */
  chromium() {
    if (existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) return;
    aptInstall(["chromium"]);
  },
};

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
