/** Auto-layout with ELK's layered algorithm: sources on the left, data flowing right. */
import type { Edge } from "@xyflow/react";
import type { ELK } from "elkjs/lib/elk-api";
import type { OctopusNode } from "./pipeline";

let elk: Promise<ELK> | null = null;

/** ELK is large; it loads the first time someone asks for a layout. */
function loadElk(): Promise<ELK> {
  elk ??= import("elkjs/lib/elk.bundled.js").then(({ default: Elk }) => new Elk());
  return elk;
}
const FALLBACK_SIZE = { width: 180, height: 90 };

export async function layoutNodes(nodes: OctopusNode[], edges: Edge[]): Promise<OctopusNode[]> {
  const graph = await (await loadElk()).layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "60",
      // Room for the status and preview a node grows during a run.
      "elk.spacing.nodeNode": "70",
    },
    children: nodes.map((node) => ({
      id: node.id,
      width: node.measured?.width ?? FALLBACK_SIZE.width,
      height: node.measured?.height ?? FALLBACK_SIZE.height,
    })),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions = new Map((graph.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
  return nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position }));
}
