import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { xrInputProfiles } from "./scripts/xr-input-profiles.ts";
import { clientZod } from "./scripts/client-zod-plugin.ts";
import { timerClock } from "./scripts/timer-clock-plugin.ts";

export default defineConfig({
  root: "client",
  publicDir: "../assets",
  plugins: [react(), xrInputProfiles(), timerClock(), clientZod()],
  resolve: {
    // @pmndrs/xr's emulator imports @iwer/sem statically; Hearth never uses it (see the stub).
    alias: {
      "@iwer/sem": fileURLToPath(new URL("./client/xr/sem-stub.ts", import.meta.url)),
      // colyseus.js' MessagePack, in the build that never tries eval (the page's CSP forbids it).
      "@colyseus/msgpackr": fileURLToPath(new URL("./node_modules/@colyseus/msgpackr/dist/index-no-eval.cjs", import.meta.url)),
    },
  },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    manifest: true, // read by bench/render.ts to size the desktop route and the XR chunk
    rolldownOptions: {
      output: {
        // zod in one chunk of its own, loaded only by the pages that build schemas.
        // The look-alike letters table in its own chunk too (only a circle with name locks loads it),
        // apart from the text normaliser every page needs.
        codeSplitting: {
          groups: [
            { name: "zod", test: /node_modules[\\/]zod[\\/]/ },
            { name: "confusables", test: /shared[\\/]confusables\.ts/ },
            { name: "text", test: /shared[\\/]text\.ts/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://localhost:2567",
      "/matchmake": "http://localhost:2567",
    },
  },
  test: {
    root: ".",
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test" },
    // Colyseus' matchmaker is process-wide: one test file per process.
    pool: "forks",
    fileParallelism: false,
  },
});
