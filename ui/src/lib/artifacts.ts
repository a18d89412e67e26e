/** Node outputs as a run reports them: JSON values, or references to artifacts (images,
 * tables, pickled objects) that the server serves by path; and `file` outputs, which name
 * a file in the user's storage. Decides how each output port is shown. */

import type { PortSpec } from "../api/types";

export interface ArtifactRef {
  $artifact: string;
  /** Inside the artifact store: "<run>/<node>/<port>-xxxx.png". */
  path: string;
  format: string;
  type: string;
  preview?: string;
  media_type?: string;
  title?: string;
}

export type OutputView =
  | { kind: "image"; port: string; src: string; title: string }
  | { kind: "table"; port: string; text: string }
  | { kind: "file"; port: string; path: string; href: string }
  /** `text` is the run's short preview; `value` the output itself (absent for other artifacts). */
  | { kind: "text"; port: string; text?: string; value?: unknown };

export function isArtifactRef(value: unknown): value is ArtifactRef {
  return typeof value === "object" && value !== null && "$artifact" in value && "path" in value;
}

export function artifactUrl(path: string): string {
  return `/api/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function storageFileUrl(path: string): string {
  return `/api/storage/file?path=${encodeURIComponent(path)}`;
}

/** One view per output port (those with an output first, then preview-only ones).
 * `portTypes` are the catalog's output port types of the node, by port name. */
export function outputViews(
  outputs: Record<string, unknown> | undefined,
  preview: Record<string, string> | undefined,
  portTypes: Record<string, string>,
): OutputView[] {
  const ports = [...new Set([...Object.keys(outputs ?? {}), ...Object.keys(preview ?? {})])];
  return ports.map((port): OutputView => {
    const value = outputs?.[port];
    const text = preview?.[port];
    if (isArtifactRef(value)) {
      if (value.type === "image") return { kind: "image", port, src: artifactUrl(value.path), title: value.title || port };
      if (value.type === "table") return { kind: "table", port, text: value.preview ?? text ?? "" };
      return { kind: "text", port, text: text ?? value.preview };
    }
    if (portTypes[port] === "file" && typeof value === "string") {
      return { kind: "file", port, path: value, href: storageFileUrl(value) };
    }
    return outputs && port in outputs ? { kind: "text", port, text, value } : { kind: "text", port, text };
  });
}

/** A node's output port types by name, from its catalog spec. */
export function portTypesOf(ports: PortSpec[] | undefined): Record<string, string> {
  return Object.fromEntries((ports ?? []).map((port) => [port.name, port.type]));
}
