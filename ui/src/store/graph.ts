/** The pipeline being edited: canvas nodes and edges plus pipeline metadata, with an
 * undo/redo history of snapshots. Every user action that changes meaning calls `commit`
 * first; positions while dragging are committed once, when the drag starts. */
import { applyEdgeChanges, applyNodeChanges, type Edge, type EdgeChange, type NodeChange } from "@xyflow/react";
import { create } from "zustand";
import type { Pipeline } from "../api/types";
import {
  fromPipeline, makeEdge, OCTOPUS_NODE, toPipeline, uniqueId, type OctopusNode,
  type OctopusNodeData, type PipelineMeta,
} from "../lib/pipeline";

const HISTORY_LIMIT = 100;
/** Keystrokes in one field within this window undo as one step. */
const COALESCE_MS = 1000;

interface Snapshot {
  meta: PipelineMeta;
  nodes: OctopusNode[];
  edges: Edge[];
}

/** Which saved pipeline (and version) the canvas came from; null for a new one. */
export interface SavedAs {
  id: string;
  version: number;
}

interface GraphState extends Snapshot {
  savedAs: SavedAs | null;
  dirty: boolean;
  /** Bumped when the whole graph moves (opened, laid out), so the canvas fits it into view. */
  fitViewRequest: number;
  past: Snapshot[];
  future: Snapshot[];
  lastCommit: { key: string; at: number } | null;

  commit: (coalesceKey?: string) => void;
  undo: () => void;
  redo: () => void;

  load: (pipeline: Pipeline, savedAs: SavedAs | null) => void;
  /** Replaces the graph as one undoable edit (the YAML view's Apply). */
  replace: (pipeline: Pipeline) => void;
  markSaved: (savedAs: SavedAs) => void;
  onNodesChange: (changes: NodeChange<OctopusNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  addNode: (type: string, position: { x: number; y: number }, params?: Record<string, unknown>) => string;
  connect: (source: string, sourcePort: string, target: string, targetPort: string, replaces?: string[]) => void;
  updateNodeData: (id: string, change: Partial<OctopusNodeData>) => void;
  setMeta: (change: Partial<PipelineMeta>) => void;
  /** New positions for the whole graph (auto-layout); `undoable` false while opening a pipeline. */
  placeNodes: (nodes: OctopusNode[], undoable: boolean) => void;
  insert: (nodes: OctopusNode[], edges: Edge[]) => void;
  select: (ids: string[]) => void;
}

export const EMPTY_PIPELINE: Pipeline = { octopus: 1, name: "untitled", nodes: [] };

const snapshotOf = ({ meta, nodes, edges }: Snapshot): Snapshot => ({ meta, nodes, edges });

export const useGraph = create<GraphState>()((set, get) => ({
  ...fromPipeline(EMPTY_PIPELINE),
  savedAs: null,
  dirty: false,
  fitViewRequest: 0,
  past: [],
  future: [],
  lastCommit: null,

  commit: (coalesceKey) => {
    const { lastCommit, past } = get();
    const now = Date.now();
    const coalesce = coalesceKey && lastCommit?.key === coalesceKey && now - lastCommit.at < COALESCE_MS;
    set({
      past: coalesce ? past : [...past, snapshotOf(get())].slice(-HISTORY_LIMIT),
      future: [],
      dirty: true,
      lastCommit: coalesceKey ? { key: coalesceKey, at: now } : null,
    });
  },
  undo: () => {
    const { past, future } = get();
    const previous = past.at(-1);
    if (!previous) return;
    set({ ...previous, past: past.slice(0, -1), future: [snapshotOf(get()), ...future], dirty: true, lastCommit: null });
  },
  redo: () => {
    const { past, future } = get();
    const [next, ...rest] = future;
    if (!next) return;
    set({ ...next, past: [...past, snapshotOf(get())], future: rest, dirty: true, lastCommit: null });
  },

  load: (pipeline, savedAs) => set({
    ...fromPipeline(pipeline), savedAs, dirty: false, past: [], future: [], lastCommit: null,
    fitViewRequest: get().fitViewRequest + 1,
  }),
  replace: (pipeline) => {
    get().commit();
    set(fromPipeline(pipeline));
  },
  markSaved: (savedAs) => set({ savedAs, dirty: false }),

  // Deletions are committed once by the canvas (onBeforeDelete): React Flow removes a node's
  // edges and the node in two separate changes, which must undo as one step.
  onNodesChange: (changes) => set({ nodes: applyNodeChanges(changes, get().nodes) }),
  onEdgesChange: (changes) => set({ edges: applyEdgeChanges(changes, get().edges) }),
  addNode: (type, position, params = {}) => {
    get().commit();
    const id = uniqueId(type, new Set(get().nodes.map((n) => n.id)));
    const node: OctopusNode = { id, type: OCTOPUS_NODE, position, data: { type, params }, selected: true };
    set({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), node] });
    return id;
  },
  connect: (source, sourcePort, target, targetPort, replaces = []) => {
    get().commit();
    const edge = makeEdge(source, sourcePort, target, targetPort);
    set({ edges: [...get().edges.filter((e) => e.id !== edge.id && !replaces.includes(e.id)), edge] });
  },
  updateNodeData: (id, change) => {
    get().commit(`data:${id}:${Object.keys(change).join(",")}`);
    set({ nodes: get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...change } } : n)) });
  },
  setMeta: (change) => {
    get().commit(`meta:${Object.keys(change).join(",")}`);
    set({ meta: { ...get().meta, ...change } });
  },
  placeNodes: (nodes, undoable) => {
    if (undoable) get().commit();
    set({ nodes, fitViewRequest: get().fitViewRequest + 1 });
  },
  insert: (nodes, edges) => {
    get().commit();
    set({
      nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), ...nodes.map((n) => ({ ...n, selected: true }))],
      edges: [...get().edges, ...edges],
    });
  },
  select: (ids) => set({ nodes: get().nodes.map((n) => ({ ...n, selected: ids.includes(n.id) })) }),
}));

/** The pipeline JSON of what is on the canvas now. */
export function currentPipeline(): Pipeline {
  return toPipeline(useGraph.getState());
}
