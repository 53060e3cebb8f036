/**
 * Stand-in for @iwer/sem (IWER's synthetic rooms, used only by @pmndrs/xr's built-in emulator).
 * Hearth runs with `emulate: false` and installs IWER itself, so the real module, which also
 * imports a protobuf version it does not declare, is kept out of the bundle. See vite.config.ts.
 */
export class SyntheticEnvironmentModule {
  constructor() {
    throw new Error("The synthetic environment module is not bundled with Hearth.");
  }
}
