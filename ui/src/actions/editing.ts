/** Canvas edits that are more than a store update: copy/paste across pipelines, auto-layout. */
import type { Edge } from "@xyflow/react";
import { layoutNodes } from "../lib/layout";
import { makeEdge, uniqueId, type OctopusNode } from "../lib/pipeline";
import { useGraph } from "../store/graph";
import { notify } from "../store/notify";

/** localStorage, so a copy in one tab or pipeline pastes into another. */
const CLIPBOARD_KEY = "octopus.clipboard";
const PASTE_OFFSET = 40;

interface Clip {
  nodes: OctopusNode[];
  edges: Edge[];
}

export function copySelection(): void {
  const { nodes, edges } = useGraph.getState();
  const picked = nodes.filter((n) => n.selected);
  if (!picked.length) return;
  const ids = new Set(picked.map((n) => n.id));
  const clip: Clip = { nodes: picked, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(clip));
  notify(`Copied ${picked.length} node${picked.length > 1 ? "s" : ""}`);
}

export function paste(): void {
  const text = localStorage.getItem(CLIPBOARD_KEY);
  if (!text) return;
  const clip = JSON.parse(text) as Clip;
  const { nodes, insert } = useGraph.getState();
  const taken = new Set(nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const pasted = clip.nodes.map((node) => {
    const id = uniqueId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    const { measured: _measured, ...rest } = node;
    return { ...rest, id, position: { x: node.position.x + PASTE_OFFSET, y: node.position.y + PASTE_OFFSET } };
  });
  const pastedEdges = clip.edges.map((e) =>
    makeEdge(renamed.get(e.source)!, e.sourceHandle!, renamed.get(e.target)!, e.targetHandle!));
  insert(pasted, pastedEdges);
}

/** Lays out the graph; `undoable` false when it is part of opening a pipeline. */
export async function autoLayout(undoable = true): Promise<void> {
  const { nodes, edges, placeNodes } = useGraph.getState();
  if (nodes.length) placeNodes(await layoutNodes(nodes, edges), undoable);
}
