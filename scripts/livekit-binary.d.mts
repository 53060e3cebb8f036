/** Types for livekit-binary.mjs (a plain-Node module shared with scripts/ensure.mjs). */
export declare const LIVEKIT_VERSION: string;
export declare const LIVEKIT_GO_PACKAGE: string;
export declare function livekitCacheDir(env?: NodeJS.ProcessEnv): string;
export declare function onPath(name: string, env?: NodeJS.ProcessEnv): string | null;
export declare function findLivekitBinary(
  env?: NodeJS.ProcessEnv,
): { path: string; reason?: undefined } | { path: null; reason: string };
export declare const LIVEKIT_INSTALL_HELP: string;
