/** The port compatibility rule, mirrored from octopus/nodes/spec.py (Port.accepts). */
import type { PortSpec } from "../api/types";

/** May an output of type `source` feed an input of type `target`? */
export function compatible(source: string, target: string): boolean {
  return source === target || source === "any" || target === "any" ||
    (source === "integer" && target === "number");
}

export function accepts(port: PortSpec, sourceType: string): boolean {
  return compatible(sourceType, port.type) || (port.many && compatible(sourceType, port.items));
}

/** Why the connection is refused, or null when the port takes it. */
export function refusal(port: PortSpec, sourceType: string, sourceLabel: string): string | null {
  if (accepts(port, sourceType)) return null;
  const takes = port.many && port.items !== "any" ? `${port.type} or ${port.items}` : port.type;
  return `${sourceLabel} is ${sourceType}, but input '${port.name}' takes ${takes}`;
}
