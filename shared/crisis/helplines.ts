import type { CrisisCountry } from "../safety.ts";

/**
 * Well-known, free crisis lines by country, shipped so the crisis panel is useful with no
 * configuration. Each line names the service's own page as its source and the date the entry was
 * last checked against it by the Hearth maintainers.
 *
 * THE DEPLOYING ORGANISATION MUST VERIFY EVERY NUMBER before opening circles to the public:
 * services change numbers and hours. A deployment's CRISIS_RESOURCES replaces a country's entry
 * here; `"defaults": false` drops this list altogether (README, "Crisis resources").
 */
export const HELPLINES_CHECKED = "2026-12-02";

const checked = HELPLINES_CHECKED;

export const DEFAULT_HELPLINES: CrisisCountry[] = [
  {
    country: "US",
    name: "United States",
    lines: [
      { name: "988 Suicide & Crisis Lifeline", contact: "988", hours: "24/7, call or text", url: "https://988lifeline.org", source: "https://988lifeline.org", checked, languages: ["en", "es"] },
      { name: "Crisis Text Line", contact: "Text HOME to 741741", hours: "24/7", url: "https://www.crisistextline.org", source: "https://www.crisistextline.org", checked, languages: ["en"] },
      { name: "National Domestic Violence Hotline", contact: "1-800-799-7233", hours: "24/7", url: "https://www.thehotline.org", source: "https://www.thehotline.org", checked, languages: ["en", "es"] },
    ],
  },
  {
    country: "CA",
    name: "Canada",
    lines: [
      { name: "9-8-8 Suicide Crisis Helpline", contact: "988", hours: "24/7, call or text", url: "https://988.ca", source: "https://988.ca", checked, languages: ["en", "fr"] },
    ],
  },
  {
    country: "GB",
    name: "United Kingdom",
    lines: [
      { name: "Samaritans", contact: "116 123", hours: "24/7, free", url: "https://www.samaritans.org", source: "https://www.samaritans.org", checked, languages: ["en"] },
      { name: "Shout (text)", contact: "Text SHOUT to 85258", hours: "24/7", url: "https://giveusashout.org", source: "https://giveusashout.org", checked, languages: ["en"] },
      { name: "CALM (Campaign Against Living Miserably)", contact: "0800 58 58 58", hours: "5pm–midnight", url: "https://www.thecalmzone.net", source: "https://www.thecalmzone.net", checked, languages: ["en"] },
      { name: "Men's Advice Line (domestic abuse)", contact: "0808 801 0327", url: "https://mensadviceline.org.uk", source: "https://mensadviceline.org.uk", checked, languages: ["en"] },
    ],
  },
  {
    country: "IE",
    name: "Ireland",
    lines: [
      { name: "Samaritans Ireland", contact: "116 123", hours: "24/7, free", url: "https://www.samaritans.org/ireland", source: "https://www.samaritans.org/ireland", checked, languages: ["en"] },
      { name: "Text 50808", contact: "Text HELLO to 50808", hours: "24/7", url: "https://text50808.ie", source: "https://text50808.ie", checked, languages: ["en"] },
    ],
  },
  {
    country: "AU",
    name: "Australia",
    lines: [
      { name: "Lifeline", contact: "13 11 14", hours: "24/7", url: "https://www.lifeline.org.au", source: "https://www.lifeline.org.au", checked, languages: ["en"] },
      { name: "MensLine Australia", contact: "1300 78 99 78", hours: "24/7", url: "https://mensline.org.au", source: "https://mensline.org.au", checked, languages: ["en"] },
      { name: "1800RESPECT (family and sexual violence)", contact: "1800 737 732", hours: "24/7", url: "https://www.1800respect.org.au", source: "https://www.1800respect.org.au", checked, languages: ["en"] },
    ],
  },
  {
    country: "NZ",
    name: "New Zealand / Aotearoa",
    lines: [
      { name: "Need to talk? 1737", contact: "1737", hours: "24/7, call or text", url: "https://1737.org.nz", source: "https://1737.org.nz", checked, languages: ["en"] },
      { name: "Lifeline Aotearoa", contact: "0800 543 354", hours: "24/7", url: "https://www.lifeline.org.nz", source: "https://www.lifeline.org.nz", checked, languages: ["en"] },
    ],
  },
  {
    country: "ES",
    name: "España",
    lines: [
      { name: "Línea 024 de atención a la conducta suicida", contact: "024", hours: "24 h, gratuito", url: "https://www.sanidad.gob.es/linea024/home.htm", source: "https://www.sanidad.gob.es/linea024/home.htm", checked, languages: ["es"] },
      { name: "Teléfono de la Esperanza", contact: "717 003 717", hours: "24 h", url: "https://telefonodelaesperanza.org", source: "https://telefonodelaesperanza.org", checked, languages: ["es"] },
      { name: "016 Violencia de género", contact: "016", hours: "24 h, no deja rastro en la factura", url: "https://violenciagenero.igualdad.gob.es", source: "https://violenciagenero.igualdad.gob.es", checked, languages: ["es"] },
    ],
  },
  {
    country: "MX",
    name: "México",
    lines: [
      { name: "Línea de la Vida", contact: "800 911 2000", hours: "24 h", url: "https://www.gob.mx/salud/conadic", source: "https://www.gob.mx/salud/conadic", checked, languages: ["es"] },
    ],
  },
  {
    country: "DE",
    name: "Deutschland",
    lines: [
      { name: "TelefonSeelsorge", contact: "0800 111 0 111", hours: "24/7, kostenfrei (auch 0800 111 0 222 und 116 123)", url: "https://www.telefonseelsorge.de", source: "https://www.telefonseelsorge.de", checked, languages: ["de"] },
    ],
  },
  {
    country: "FR",
    name: "France",
    lines: [
      { name: "3114 — numéro national de prévention du suicide", contact: "3114", hours: "24 h/24, 7 j/7, gratuit", url: "https://3114.fr", source: "https://3114.fr", checked, languages: ["fr"] },
      { name: "SOS Amitié", contact: "09 72 39 40 50", hours: "24 h/24", url: "https://www.sos-amitie.com", source: "https://www.sos-amitie.com", checked, languages: ["fr"] },
    ],
  },
  {
    country: "*",
    name: "Anywhere in the world",
    lines: [
      { name: "Find A Helpline (free, confidential lines by country)", url: "https://findahelpline.com", source: "https://findahelpline.com", checked },
      { name: "IASP crisis centres and helplines", url: "https://www.iasp.info/crisis-centres-helplines/", source: "https://www.iasp.info/crisis-centres-helplines/", checked },
      { name: "Befrienders Worldwide", url: "https://befrienders.org", source: "https://befrienders.org", checked },
    ],
  },
];
