import * as THREE from "three";

const SIZE = 128;

function canvasTexture(draw: (ctx: CanvasRenderingContext2D) => void): THREE.Texture {
  if (typeof document === "undefined") return new THREE.Texture();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext("2d")!;
  draw(ctx);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}

/** A soft round glow, white in the middle and clear at the edge (tinted per instance). */
export function glowTexture(): THREE.Texture {
  return canvasTexture((ctx) => {
    const g = ctx.createRadialGradient(SIZE / 2, SIZE / 2, 0, SIZE / 2, SIZE / 2, SIZE / 2);
    g.addColorStop(0, "rgba(255,255,255,1)");
    g.addColorStop(0.35, "rgba(255,255,255,0.55)");
    g.addColorStop(1, "rgba(255,255,255,0)");
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, SIZE, SIZE);
  });
}

/** A dark disc with a light rim, the badge every status icon sits on. */
function badge(ctx: CanvasRenderingContext2D, rim: string): void {
  ctx.fillStyle = "rgba(20, 16, 28, 0.88)";
  ctx.strokeStyle = rim;
  ctx.lineWidth = 7;
  ctx.beginPath();
  ctx.arc(SIZE / 2, SIZE / 2, SIZE / 2 - 5, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
}

export type StatusIcon = "muted" | "away" | "hand";

const painters: Record<StatusIcon, (ctx: CanvasRenderingContext2D) => void> = {
  muted(ctx) {
    badge(ctx, "#f0a0a0");
    ctx.strokeStyle = ctx.fillStyle = "#fdf6ec";
    ctx.lineWidth = 8;
    ctx.lineCap = "round";
    ctx.beginPath();
    ctx.roundRect(50, 26, 28, 48, 14);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(64, 62, 24, 0, Math.PI);
    ctx.moveTo(64, 86);
    ctx.lineTo(64, 100);
    ctx.stroke();
    ctx.strokeStyle = "#ff7a7a";
    ctx.lineWidth = 10;
    ctx.beginPath();
    ctx.moveTo(34, 30);
    ctx.lineTo(94, 100);
    ctx.stroke();
  },
  away(ctx) {
    badge(ctx, "#b0b8e0");
    ctx.fillStyle = "#e8e4d0";
    ctx.beginPath();
    ctx.arc(64, 64, 34, 0, Math.PI * 2);
    ctx.fill();
    ctx.globalCompositeOperation = "destination-out";
    ctx.beginPath();
    ctx.arc(82, 52, 30, 0, Math.PI * 2);
    ctx.fill();
    ctx.globalCompositeOperation = "source-over";
  },
  hand(ctx) {
    badge(ctx, "#ffd27a");
    ctx.fillStyle = "#ffd27a";
    ctx.beginPath();
    ctx.roundRect(40, 56, 48, 46, 16);
    ctx.fill();
    for (const [x, top] of [[42, 34], [54, 24], [66, 22], [78, 30]] as const) {
      ctx.beginPath();
      ctx.roundRect(x, top, 11, 48, 5.5);
      ctx.fill();
    }
    ctx.save();
    ctx.translate(38, 78);
    ctx.rotate(-0.7);
    ctx.beginPath();
    ctx.roundRect(-6, -22, 12, 30, 6);
    ctx.fill();
    ctx.restore();
  },
};

export function statusTexture(icon: StatusIcon): THREE.Texture {
  return canvasTexture(painters[icon]);
}
