import * as THREE from "three";

const HEIGHT = 72;

/** Draws a pill-shaped label to a canvas texture: text that works in XR too, where DOM does not. */
export function labelTexture(
  text: string,
  { background = "rgba(20, 16, 28, 0.72)", color = "#fdf6ec", width: fixedWidth = 0 } = {},
): { texture: THREE.CanvasTexture; aspect: number } {
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d")!;
  let font = "600 44px system-ui, sans-serif";
  ctx.font = font;
  const natural = Math.ceil(ctx.measureText(text).width) + 48;
  const width = fixedWidth || natural;
  if (natural > width) font = `600 ${Math.floor((44 * (width - 48)) / (natural - 48))}px system-ui, sans-serif`;
  canvas.width = width;
  canvas.height = HEIGHT;
  ctx.font = font;
  ctx.fillStyle = background;
  ctx.beginPath();
  ctx.roundRect(0, 0, width, HEIGHT, HEIGHT / 2);
  ctx.fill();
  ctx.fillStyle = color;
  ctx.textBaseline = "middle";
  ctx.textAlign = "center";
  ctx.fillText(text, width / 2, HEIGHT / 2 + 2);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return { texture, aspect: width / HEIGHT };
}
