import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

const DIST = "dist/client";

/** Every chunk a module pulls in statically, itself included. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

function gzipBytes(manifest: Manifest, keys: Iterable<string>): number {
  let total = 0;
  for (const key of keys) total += gzipSync(readFileSync(path.join(DIST, manifest[key]!.file))).byteLength;
  return total;
}

/** Gzipped JavaScript a desktop visitor loads to sit in a circle, and what the XR path adds on top. */
export function bundleSizes(): { lobby: number; desktopCircle: number; xrChunk: number } {
  const manifest = JSON.parse(readFileSync(path.join(DIST, ".vite/manifest.json"), "utf8")) as Manifest;
  const find = (suffix: string) => {
    const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
    if (!key) throw new Error(`${suffix} is not in the build manifest; run npm run build.`);
    return key;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const lobby = staticClosure(manifest, entry);
  const circle = staticClosure(manifest, find("circle/CircleView.tsx"), new Set(lobby));
  const xr = staticClosure(manifest, find("xr/XRCircle.tsx"), new Set(circle));
  const only = (all: Set<string>, minus: Set<string>) => [...all].filter((k) => !minus.has(k));
  return {
    lobby: gzipBytes(manifest, lobby),
    desktopCircle: gzipBytes(manifest, circle),
    xrChunk: gzipBytes(manifest, only(xr, circle)),
  };
}

function filesUnder(dir: string, skip: (name: string) => boolean): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip(entry.name)) continue;
    if (entry.isDirectory()) {
      const inner = filesUnder(full, skip);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += statSync(full).size;
      files++;
    }
  }
  return { bytes, files };
}

/**
 * Bytes of client assets as served (uncompressed): the repository's assets/ folder (copied as is),
 * and everything the build ships in dist/client (JavaScript, CSS, the XR controller models)
 * except source maps and Vite's manifest. The budget is 5 MB in all.
 */
export function assetBytes(): { source: number; built: number; xrProfiles: number; files: number } {
  const skip = (name: string) => name.endsWith(".map") || name === ".vite";
  const source = filesUnder("assets", skip);
  const built = filesUnder(DIST, skip);
  const xr = filesUnder(path.join(DIST, "xr-profiles"), skip);
  return { source: source.bytes, built: built.bytes, xrProfiles: xr.bytes, files: built.files };
}

/** Every JavaScript chunk of the build, gzipped, largest first, with when it loads. */
export function chunkSizes(): { file: string; bytes: number; loads: "lobby" | "desktop circle" | "lazy" }[] {
  const manifest = JSON.parse(readFileSync(path.join(DIST, ".vite/manifest.json"), "utf8")) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const lobby = staticClosure(manifest, entry);
  const circleKey = Object.keys(manifest).find((k) => k.endsWith("circle/CircleView.tsx"));
  const circle = circleKey ? staticClosure(manifest, circleKey, new Set(lobby)) : lobby;
  return Object.keys(manifest)
    .filter((key) => manifest[key]!.file.endsWith(".js"))
    .map((key) => ({
      file: manifest[key]!.file.replace(/^assets\//, ""),
      bytes: gzipBytes(manifest, [key]),
      loads: lobby.has(key) ? ("lobby" as const) : circle.has(key) ? ("desktop circle" as const) : ("lazy" as const),
    }))
    .sort((a, b) => b.bytes - a.bytes);
}
