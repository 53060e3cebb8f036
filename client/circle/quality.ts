import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";
import { motion } from "./scene-time.ts";

/**
 * How rich the circle is drawn. "high": shader fire and embers, mist, the full sky and forest,
 * standard materials, antialiasing and up to 1.5 pixel ratio (headsets, real GPUs). "low": one
 * pixel ratio, no antialiasing, no mist or embers, fewer stars and trees, a flat fire and cheaper
 * materials, for software WebGL, reduced motion or a machine that measures slow frames.
 */
export type QualityLevel = "high" | "low";

export type QualityReason = "default" | "software-renderer" | "reduced-motion" | "slow-frames";

export const quality = createStore(() => ({ level: "high" as QualityLevel, reason: "default" as QualityReason }));

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/** The WebGL renderer's name, unmasked where the browser allows it. */
export function rendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof name === "string" ? name : "";
}

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERER.test(name);
}

let probed = false;

/** Picks the starting level once, before the scene's canvas exists (antialiasing is fixed at context creation). */
export function chooseInitialQuality(): QualityLevel {
  if (probed) return quality.getState().level;
  probed = true;
  if (motion.getState().reduced) {
    quality.setState({ level: "low", reason: "reduced-motion" });
  } else if (typeof document !== "undefined") {
    const canvas = document.createElement("canvas");
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    if (gl && isSoftwareRenderer(rendererName(gl))) quality.setState({ level: "low", reason: "software-renderer" });
    gl?.getExtension("WEBGL_lose_context")?.loseContext();
  }
  return quality.getState().level;
}

/** Frames measured slow (drei's PerformanceMonitor declined): drop to low for the rest of the visit. */
export function declineQuality(): void {
  if (quality.getState().level === "low") return;
  quality.setState({ level: "low", reason: "slow-frames" });
}

export const useQuality = () => useStore(quality, (s) => s.level);

/**
 * Without a GPU (software WebGL) every pixel is drawn by the CPU that also carries the voice:
 * the desktop circle draws at half resolution and at most SOFTWARE_FPS frames a second, so the
 * microphone, the connection and the rest of the machine keep their share. A headset's frames
 * are paced by the headset, never capped.
 */
export const SOFTWARE_FPS = 24;
export const SOFTWARE_PIXEL_RATIO = 0.5;

export const useSoftwareRendering = () => useStore(quality, (s) => s.reason === "software-renderer");
