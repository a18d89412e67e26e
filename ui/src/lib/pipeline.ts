/** Canvas <-> pipeline JSON. On the canvas an edge is a connection between two ports; in
 * the pipeline it is the `inputs` reference `node.port` of the target node. Both sides
 * keep everything the other does not know about (label, description, retries, ui extras). */
import type { Edge, Node } from "@xyflow/react";
import type { Pipeline, PipelineNode, PipelineParam } from "../api/types";

export const OCTOPUS_NODE = "octopus";

export interface OctopusNodeData extends Record<string, unknown> {
  type: string;
  label?: string | null;
  description?: string;
  params: Record<string, unknown>;
  retries?: number;
  /** Canvas metadata other than the position, kept as it came. */
  uiExtra?: Record<string, unknown>;
}

export type OctopusNode = Node<OctopusNodeData, typeof OCTOPUS_NODE>;

export interface PipelineMeta {
  name: string;
  description: string;
  params: Record<string, PipelineParam>;
}

export interface CanvasGraph {
  meta: PipelineMeta;
  nodes: OctopusNode[];
  edges: Edge[];
}

export function edgeId(source: string, sourcePort: string, target: string, targetPort: string): string {
  return `${source}.${sourcePort}->${target}.${targetPort}`;
}

export function makeEdge(source: string, sourcePort: string, target: string, targetPort: string): Edge {
  return {
    id: edgeId(source, sourcePort, target, targetPort),
    source, sourceHandle: sourcePort, target, targetHandle: targetPort,
  };
}

function refsOf(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

export function fromPipeline(pipeline: Pipeline): CanvasGraph {
  const nodes: OctopusNode[] = pipeline.nodes.map((node, index) => {
    // x and y default to 0 and the server leaves defaults out; a node with no ui at all goes in a row.
    const { x = 0, y = 0, ...uiExtra } = node.ui ?? { x: index * 260, y: 0 };
    const data: OctopusNodeData = { type: node.type, params: node.params ?? {} };
    if (node.label) data.label = node.label;
    if (node.description) data.description = node.description;
    if (node.retries) data.retries = node.retries;
    if (Object.keys(uiExtra).length) data.uiExtra = uiExtra;
    return { id: node.id, type: OCTOPUS_NODE, position: { x, y }, data };
  });
  const edges = pipeline.nodes.flatMap((node) =>
    Object.entries(node.inputs ?? {}).flatMap(([port, refs]) =>
      refsOf(refs).map((ref) => {
        const [source, sourcePort] = splitRef(ref);
        return makeEdge(source, sourcePort, node.id, port);
      })));
  return {
    meta: { name: pipeline.name, description: pipeline.description ?? "", params: pipeline.params ?? {} },
    nodes,
    edges,
  };
}

export function splitRef(ref: string): [node: string, port: string] {
  const dot = ref.indexOf(".");
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

/** Inputs of one node, in edge order: one connection is a reference, several are a list. */
function inputsOf(nodeId: string, edges: Edge[]): Record<string, string | string[]> {
  const byPort = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.target !== nodeId || !edge.targetHandle || !edge.sourceHandle) continue;
    const refs = byPort.get(edge.targetHandle) ?? [];
    refs.push(`${edge.source}.${edge.sourceHandle}`);
    byPort.set(edge.targetHandle, refs);
  }
  return Object.fromEntries([...byPort].map(([port, refs]) => [port, refs.length === 1 ? refs[0] : refs]));
}

export function toPipeline({ meta, nodes, edges }: CanvasGraph): Pipeline {
  const pipelineNodes: PipelineNode[] = nodes.map(({ id, position, data }) => {
    const node: PipelineNode = { id, type: data.type };
    if (data.label) node.label = data.label;
    if (data.description) node.description = data.description;
    node.params = data.params;
    const inputs = inputsOf(id, edges);
    if (Object.keys(inputs).length) node.inputs = inputs;
    if (data.retries) node.retries = data.retries;
    node.ui = { x: Math.round(position.x), y: Math.round(position.y), ...data.uiExtra };
    return node;
  });
  const pipeline: Pipeline = { octopus: 1, name: meta.name, nodes: pipelineNodes };
  if (meta.description) pipeline.description = meta.description;
  if (Object.keys(meta.params).length) pipeline.params = meta.params;
  return pipeline;
}

/** The pipeline without canvas positions: what validation depends on. */
export function meaningOf(pipeline: Pipeline): Pipeline {
  return { ...pipeline, nodes: pipeline.nodes.map(({ ui: _ui, ...node }) => node) };
}

/** A fresh node id from the type's last segment: `process.sum` -> `sum`, `sum_2`, ... */
export function uniqueId(type: string, taken: Set<string>): string {
  const base = (type.split(".").pop() ?? "node").replace(/[^A-Za-z0-9_-]/g, "_").replace(/^(?=[0-9-])/, "n");
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** A port name for a new connection into a node that takes inputs of any name. */
export function uniquePortName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=[0-9])/, "_") || "input";
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}
