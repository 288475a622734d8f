/**
 * `attachment` with the file's name: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987), so a
 * Chinese file name survives and no name can inject another header parameter.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
