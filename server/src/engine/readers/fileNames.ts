/** A path's last segment, whichever slashes it uses (light: the extension's client uses it too). */
export function baseName(fileName: string): string {
  const normalized = fileName.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}
