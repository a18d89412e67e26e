/** Decides whether a new connection is allowed, and what it replaces. */
import type { Connection, Edge } from "@xyflow/react";
import type { NodeSpec } from "../../api/types";
import { refusal } from "../../lib/compat";
import { uniquePortName, type OctopusNode } from "../../lib/pipeline";
import { inputPort, NEW_PORT } from "./ports";

export type ConnectDecision =
  | { ok: true; source: string; sourcePort: string; target: string; targetPort: string; replaces: string[] }
  | { ok: false; reason: string };

/** Is `to` reachable from `from` along the edges? */
function reaches(from: string, to: string, edges: Edge[]): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...edges.filter((e) => e.source === id).map((e) => e.target));
  }
  return false;
}

export function decideConnection(
  connection: Connection, nodes: OctopusNode[], edges: Edge[], specs: Map<string, NodeSpec>,
): ConnectDecision {
  const { source, target, sourceHandle, targetHandle } = connection;
  if (!sourceHandle || !targetHandle) return { ok: false, reason: "Connect a port to a port" };
  if (source === target) return { ok: false, reason: "A node cannot feed itself" };
  if (reaches(target, source, edges)) return { ok: false, reason: `That would make a cycle: ${target} already feeds ${source}` };

  const sourceSpec = specs.get(nodes.find((n) => n.id === source)?.data.type ?? "");
  const targetSpec = specs.get(nodes.find((n) => n.id === target)?.data.type ?? "");
  const output = sourceSpec?.outputs.find((p) => p.name === sourceHandle);
  if (!sourceSpec || !targetSpec || !output) return { ok: false, reason: "Unknown node type or port" };

  const intoTarget = edges.filter((e) => e.target === target);
  const targetPort = targetHandle === NEW_PORT
    ? uniquePortName(source, new Set([...targetSpec.inputs.map((p) => p.name), ...intoTarget.map((e) => e.targetHandle ?? "")]))
    : targetHandle;
  const port = inputPort(targetSpec, targetPort);
  if (!port) return { ok: false, reason: `${targetSpec.title} has no input '${targetPort}'` };

  const reason = refusal(port, output.type, `${source}.${sourceHandle}`);
  if (reason) return { ok: false, reason: `Not connected: ${reason}` };

  // A port that takes one connection swaps its old one for the new one.
  const replaces = port.many ? [] : intoTarget.filter((e) => e.targetHandle === targetPort).map((e) => e.id);
  return { ok: true, source, sourcePort: sourceHandle, target, targetPort, replaces };
}
