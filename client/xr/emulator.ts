import { metaQuest3, XRDevice } from "iwer";

/**
 * Developer switch (?xr-emulator): installs IWER's emulated Quest 3 before the app starts,
 * so the headset path runs in an ordinary desktop browser. Exposed as window.__xrDevice.
 */
export function installXREmulator(): XRDevice {
  const device = new XRDevice(metaQuest3);
  device.installRuntime({ forceInstall: true });
  Object.assign(window, { __xrDevice: device });
  return device;
}
