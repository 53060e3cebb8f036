/** English texts of the VR lap menu's comfort and captions rows (merged into ../en.ts). */
export const vrMenuEn = {
  vignetteOn: "Vignette on",
  vignetteOff: "Vignette off",
  height: "Height: {{height}}",
  height_lower: "lower",
  height_seated: "seated",
  height_higher: "higher",
  fire: "Fire {{percent}}%",
  captionsShown: "Captions shown",
  showCaptions: "Show captions",
  noCaptions: "No on-device captions",
  captionMyVoice: "Caption my voice",
  captioningMyVoice: "Captioning my voice",
};
