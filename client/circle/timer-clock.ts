import * as THREE from "three";

/**
 * THREE.Clock's interface on top of THREE.Timer (Clock is deprecated since r183 and warns when
 * made). @react-three/fiber 9 still makes a Clock for its store; the build swaps in this one
 * (scripts/timer-clock-plugin.ts), so `state.clock` keeps working without the deprecated class.
 */
export class TimerClock {
  autoStart = true;
  startTime = 0;
  oldTime = 0;
  elapsedTime = 0;
  running = false;
  private readonly timer = new THREE.Timer();

  start(): void {
    this.timer.reset();
    this.startTime = this.oldTime = performance.now();
    this.elapsedTime = 0;
    this.running = true;
  }

  stop(): void {
    this.getElapsedTime();
    this.running = false;
    this.autoStart = false;
  }

  getElapsedTime(): number {
    this.getDelta();
    return this.elapsedTime;
  }

  getDelta(): number {
    if (this.autoStart && !this.running) {
      this.start();
      return 0;
    }
    if (!this.running) return 0;
    this.timer.update();
    const delta = this.timer.getDelta();
    this.oldTime = performance.now();
    this.elapsedTime += delta;
    return delta;
  }
}
