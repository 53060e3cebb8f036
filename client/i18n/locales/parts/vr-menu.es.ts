import type { vrMenuEn } from "./vr-menu.en.ts";

/** Español: el menú de realidad virtual, tipado contra el inglés. */
export const vrMenuEs: typeof vrMenuEn = {
  vignetteOn: "Viñeta activada",
  vignetteOff: "Viñeta desactivada",
  height: "Altura: {{height}}",
  height_lower: "más baja",
  height_seated: "sentado",
  height_higher: "más alta",
  fire: "Fuego {{percent}} %",
  captionsShown: "Subtítulos visibles",
  showCaptions: "Mostrar subtítulos",
  noCaptions: "Sin subtítulos en el dispositivo",
  captionMyVoice: "Subtitular mi voz",
  captioningMyVoice: "Subtitulando mi voz",
};
