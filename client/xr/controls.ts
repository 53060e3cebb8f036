/** Requests from the in-VR menu to the origin, read once per frame. */
let recentreRequested = false;

export const xrControls = {
  requestRecentre(): void {
    recentreRequested = true;
  },
  consumeRecentre(): boolean {
    const requested = recentreRequested;
    recentreRequested = false;
    return requested;
  },
};
