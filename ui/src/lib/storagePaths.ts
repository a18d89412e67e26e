/** Paths in the user's storage folder: forward slashes, relative, "" for the top. */

export interface Crumb {
  name: string;
  path: string;
}

export function joinPath(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

/** The breadcrumb trail to a folder, starting at the top ("Storage"). */
export function crumbsOf(folder: string): Crumb[] {
  const parts = folder.split("/").filter(Boolean);
  return [{ name: "Storage", path: "" }, ...parts.map((name, i) => ({ name, path: parts.slice(0, i + 1).join("/") }))];
}

/** "512 B", "1.5 KB", "12 MB" */
export function formatSize(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit === 0 || size >= 10 ? Math.round(size) : size.toFixed(1)} ${units[unit]}`;
}
