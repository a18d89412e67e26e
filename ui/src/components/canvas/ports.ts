/** Which input ports a node shows: its declared ones, and for a node taking inputs of any
 * name, the ones already wired plus a spare handle that creates a new port. */
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import type { NodeSpec, PortSpec } from "../../api/types";
import { useGraph } from "../../store/graph";

/** Handle id of the spare input on an any_inputs node. */
export const NEW_PORT = "__new__";

/** A port of a node taking inputs of any name: it exists because something is wired to it. */
export function anyPort(name: string): PortSpec {
  return { name, type: "any", description: "", required: true, many: false, items: "any" };
}

export function inputPort(spec: NodeSpec, name: string): PortSpec | undefined {
  return spec.inputs.find((p) => p.name === name) ?? (spec.any_inputs ? anyPort(name) : undefined);
}

const NONE: string[] = [];

export function useInputPorts(nodeId: string, spec: NodeSpec | undefined): PortSpec[] {
  // Only a node taking inputs of any name looks at its edges: every other node skips the
  // scan of all edges that each graph change would otherwise cost it.
  const anyInputs = spec?.any_inputs ?? false;
  const wired = useGraph(useShallow((s) => anyInputs
    ? s.edges.filter((e) => e.target === nodeId).map((e) => e.targetHandle ?? "")
    : NONE));
  return useMemo(() => {
    if (!spec) return [];
    if (!spec.any_inputs) return spec.inputs;
    const declared = new Set(spec.inputs.map((p) => p.name));
    const extra = [...new Set(wired)].filter((name) => name && !declared.has(name)).map(anyPort);
    return [...spec.inputs, ...extra, anyPort(NEW_PORT)];
  }, [spec, wired]);
}
