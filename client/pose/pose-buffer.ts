import * as THREE from "three";

/** Remote poses are drawn this far in the past so there is nearly always a later sample to move towards. */
export const INTERPOLATION_DELAY_MS = 100;
/** After a pause longer than this, motion restarts from where the avatar rested, not from the old sample. */
const GAP_MS = 250;
/** The usual spacing of samples (20 Hz), used to restart cleanly after a gap. */
const SAMPLE_SPACING_MS = 50;
const CAPACITY = 8;

interface Sample {
  t: number;
  position: THREE.Vector3;
  quaternion: THREE.Quaternion;
}

/**
 * A short history of one tracked part (a head or a hand) for smooth playback at display rate.
 * Samples are stamped on arrival; one older than the newest is dropped (out of order),
 * a missing one just widens the gap between neighbours, and a late stream holds the newest pose.
 */
export class PoseBuffer {
  private samples: Sample[] = Array.from({ length: CAPACITY }, () => ({
    t: -Infinity,
    position: new THREE.Vector3(),
    quaternion: new THREE.Quaternion(),
  }));
  private head = -1; // index of the newest sample
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a sample received at time `t` (ms). Returns false when it was dropped as out of order. */
  push(t: number, position: THREE.Vector3Like, quaternion: THREE.QuaternionLike): boolean {
    const newest = this.count > 0 ? this.samples[this.head]! : null;
    if (newest && t <= newest.t) return false;
    if (newest && t - newest.t > GAP_MS) {
      this.write(t - SAMPLE_SPACING_MS, newest.position, newest.quaternion);
    }
    this.write(t, position, quaternion);
    return true;
  }

  /** The pose to draw at time `now` (ms), written into `position` and `quaternion`. False when empty. */
  sample(now: number, position: THREE.Vector3, quaternion: THREE.Quaternion): boolean {
    if (this.count === 0) return false;
    const renderAt = now - INTERPOLATION_DELAY_MS;
    // Walk from the newest back to the first sample at or before renderAt.
    let later = this.samples[this.head]!;
    if (renderAt >= later.t) {
      position.copy(later.position);
      quaternion.copy(later.quaternion);
      return true;
    }
    for (let i = 1; i < this.count; i++) {
      const earlier = this.samples[(this.head - i + CAPACITY) % CAPACITY]!;
      if (earlier.t <= renderAt) {
        const f = (renderAt - earlier.t) / (later.t - earlier.t);
        position.lerpVectors(earlier.position, later.position, f);
        quaternion.slerpQuaternions(earlier.quaternion, later.quaternion, f);
        return true;
      }
      later = earlier;
    }
    // Older than anything we hold: show the oldest.
    position.copy(later.position);
    quaternion.copy(later.quaternion);
    return true;
  }

  clear(): void {
    this.count = 0;
    this.head = -1;
  }

  private write(t: number, position: THREE.Vector3Like, quaternion: THREE.QuaternionLike): void {
    this.head = (this.head + 1) % CAPACITY;
    const slot = this.samples[this.head]!;
    slot.t = t;
    slot.position.copy(position);
    slot.quaternion.copy(quaternion);
    this.count = Math.min(this.count + 1, CAPACITY);
  }
}
