/**
 * Content-Disposition with an RFC 6266 / RFC 8187 `filename*` (UTF-8, percent-encoded) so a
 * title such as "Café des pères" keeps its name, plus a plain ASCII `filename` for old clients.
 */

/** Percent-encodes everything outside RFC 8187's attr-char set. */
function encodeAttrValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The name with anything but ASCII letters, digits, space, dot, hyphen and underscore replaced. */
export function asciiFilename(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w .-]/g, "_").trim();
  return ascii.replace(/^[._ ]+/, "") || "calendar";
}

export function contentDisposition(type: "attachment" | "inline", filename: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = filename.replace(/[\u0000-\u001f\u007f/\\]/g, "").trim() || "calendar";
  return `${type}; filename="${asciiFilename(clean)}"; filename*=UTF-8''${encodeAttrValue(clean)}`;
}
