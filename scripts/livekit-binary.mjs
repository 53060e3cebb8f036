// Where Hearth finds the livekit-server binary. Plain Node, no dependencies: both
// scripts/ensure.mjs (which runs before node_modules exists) and server/voice/livekit-process.ts use it.
import { accessSync, constants } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/** The one livekit-server release Hearth is built and tested against. */
export const LIVEKIT_VERSION = "v1.13.5";
/** `go install` target; the binary it builds is called `server`. */
export const LIVEKIT_GO_PACKAGE = "github.com/livekit/livekit-server/cmd/server";

/** Folder that `go install` fills for us: `$XDG_CACHE_HOME` (or ~/.cache)/hearth/livekit-<version>. */
export function livekitCacheDir(env = process.env) {
  const cacheHome = env.XDG_CACHE_HOME || path.join(homedir(), ".cache");
  return path.join(cacheHome, "hearth", `livekit-${LIVEKIT_VERSION}`);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` on PATH, or null. */
export function onPath(name, env = process.env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/**
 * The livekit-server binary: $LIVEKIT_SERVER_BIN, else `livekit-server` on PATH, else the cache.
 * Returns `{ path }` when found, `{ path: null, reason }` when not.
 */
export function findLivekitBinary(env = process.env) {
  if (env.LIVEKIT_SERVER_BIN) {
    if (isExecutable(env.LIVEKIT_SERVER_BIN)) return { path: env.LIVEKIT_SERVER_BIN };
    return { path: null, reason: `LIVEKIT_SERVER_BIN is set to ${env.LIVEKIT_SERVER_BIN}, which is not an executable file.` };
  }
  const fromPath = onPath("livekit-server", env);
  if (fromPath) return { path: fromPath };
  const cached = path.join(livekitCacheDir(env), "server");
  if (isExecutable(cached)) return { path: cached };
  return {
    path: null,
    reason: `livekit-server was not found (looked at $LIVEKIT_SERVER_BIN, livekit-server on PATH and ${cached}).`,
  };
}

/** What to tell a person who has no livekit-server and no Go. */
export const LIVEKIT_INSTALL_HELP = `Hearth's voice needs livekit-server ${LIVEKIT_VERSION}. Install it one of these ways:
  - with Go 1.26 or newer:  GOBIN=${"$"}{XDG_CACHE_HOME:-~/.cache}/hearth/livekit-${LIVEKIT_VERSION} go install ${LIVEKIT_GO_PACKAGE}@${LIVEKIT_VERSION}
  - Linux:  curl -sSL https://get.livekit.io | bash        (official install script)
  - macOS:  brew install livekit
  - or download a release from https://github.com/livekit/livekit/releases and set LIVEKIT_SERVER_BIN to it.
Or point Hearth at a LiveKit server you run yourself (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET),
or start Hearth without voice (VOICE=off).`;
