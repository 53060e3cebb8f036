import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";

/**
 * Serves the WebXR controller and hand models from Hearth itself (never from a public CDN):
 * copies a few profiles of the npm package @webxr-input-profiles/assets (MIT) into the build
 * under /xr-profiles/, with a profiles list naming only those. Any other controller falls back to
 * DEFAULT_CONTROLLER_PROFILE (see client/xr/store.ts). The full package is ~100 MB; these ~0.6 MB.
 */
export const XR_PROFILES_PATH = "xr-profiles";
export const SHIPPED_PROFILES = ["meta-quest-touch-plus", "generic-hand"] as const;

function profilesRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@webxr-input-profiles/assets/package.json")), "dist", "profiles");
}

/** Every file to serve, by its path under /xr-profiles/. */
export function profileFiles(): Map<string, () => Buffer> {
  const root = profilesRoot();
  const files = new Map<string, () => Buffer>();
  const list: Record<string, { path: string }> = {};
  for (const id of SHIPPED_PROFILES) {
    list[id] = { path: `${id}/profile.json` };
    for (const name of readdirSync(path.join(root, id))) {
      const file = path.join(root, id, name);
      if (statSync(file).isFile()) files.set(`${id}/${name}`, () => readFileSync(file));
    }
  }
  files.set("profilesList.json", () => Buffer.from(JSON.stringify(list)));
  return files;
}

export function xrInputProfiles(): Plugin {
  return {
    name: "hearth-xr-input-profiles",
    configureServer(server) {
      const files = profileFiles();
      server.middlewares.use(`/${XR_PROFILES_PATH}/`, (req, res, next) => {
        const read = files.get((req.url ?? "").replace(/^\//, "").split("?")[0]!);
        if (!read) return next();
        res.setHeader("Content-Type", req.url?.endsWith(".json") ? "application/json" : "model/gltf-binary");
        res.end(read());
      });
    },
    generateBundle() {
      for (const [name, read] of profileFiles()) this.emitFile({ type: "asset", fileName: `${XR_PROFILES_PATH}/${name}`, source: read() });
    },
  };
}
