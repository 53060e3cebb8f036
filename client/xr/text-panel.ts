import * as THREE from "three";

const WIDTH = 1024;
const PADDING = 36;
const LINE_HEIGHT = 40;
const FONT = "400 30px system-ui, sans-serif";
const TITLE_FONT = "700 34px system-ui, sans-serif";

/**
 * A panel of wrapped text on a canvas texture, for VR where there is no DOM. The first line is a
 * title. Returns the texture and its width / height.
 */
export function textPanelTexture(lines: string[]): { texture: THREE.CanvasTexture; aspect: number } {
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d")!;
  const wrapped: { text: string; title: boolean }[] = [];
  lines.forEach((line, index) => {
    ctx.font = index === 0 ? TITLE_FONT : FONT;
    let current = "";
    for (const word of line.split(/\s+/)) {
      const next = current ? `${current} ${word}` : word;
      if (ctx.measureText(next).width > WIDTH - 2 * PADDING && current) {
        wrapped.push({ text: current, title: index === 0 });
        current = word;
      } else current = next;
    }
    wrapped.push({ text: current, title: index === 0 });
  });
  canvas.width = WIDTH;
  canvas.height = Math.min(2048, PADDING * 2 + wrapped.length * LINE_HEIGHT);
  ctx.fillStyle = "rgba(24, 20, 32, 0.94)";
  ctx.beginPath();
  ctx.roundRect(0, 0, canvas.width, canvas.height, 28);
  ctx.fill();
  ctx.textBaseline = "top";
  wrapped.forEach((line, i) => {
    ctx.font = line.title ? TITLE_FONT : FONT;
    ctx.fillStyle = line.title ? "#f2a65a" : "#fdf6ec";
    ctx.fillText(line.text, PADDING, PADDING + i * LINE_HEIGHT);
  });
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return { texture, aspect: canvas.width / canvas.height };
}
