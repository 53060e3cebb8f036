import "./zod-jitless.ts";
import { i18nReady } from "./i18n/index.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { detectXRSupport } from "./xr/presence.ts";
import "./styles.css";

// Developer switch: ?xr-emulator installs IWER's emulated headset before anything asks for WebXR.
if (new URLSearchParams(location.search).has("xr-emulator")) {
  const { installXREmulator } = await import("./xr/emulator.ts");
  installXREmulator();
}
detectXRSupport();
await i18nReady.catch(() => undefined); // a language that fails to load falls back to English

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
