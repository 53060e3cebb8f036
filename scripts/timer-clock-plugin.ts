import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const SHIM = fileURLToPath(new URL("../client/circle/timer-clock.ts", import.meta.url));

/**
 * @react-three/fiber 9.8 builds its store's clock with the deprecated THREE.Clock; this swaps in
 * client/circle/timer-clock.ts (the same interface on THREE.Timer) when the client is bundled.
 */
export function timerClock(): Plugin {
  return {
    name: "hearth-timer-clock",
    enforce: "pre",
    transform(code, id) {
      if (!id.includes("@react-three/fiber") || !code.includes("new THREE.Clock()")) return null;
      return {
        code: `import { TimerClock as __HearthTimerClock } from ${JSON.stringify(SHIM)};\n${code.replaceAll("new THREE.Clock()", "new __HearthTimerClock()")}`,
        map: null,
      };
    },
  };
}
