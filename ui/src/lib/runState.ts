/** A run's state, folded from its event stream. Pure, so a live run and a replayed one
 * from history end up identical. */
import type { OctopusEvent } from "../api/events.gen";
import type { RunStatus } from "../api/types";

export type NodeRunStatus = "pending" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";

export interface NodeRun {
  status: NodeRunStatus;
  attempt: number;
  startedAt?: number;
  durationS?: number;
  preview?: Record<string, string>;
  outputs?: Record<string, unknown>;
  error?: string;
}

export interface LogLine {
  seq: number;
  ts: number;
  nodeId: string;
  message: string;
  stream: "stdout" | "stderr" | "log";
}

export interface RunState {
  runId: string;
  engine: string;
  status: RunStatus;
  order: string[];
  nodes: Record<string, NodeRun>;
  logs: LogLine[];
  startedAt?: number;
  durationS?: number;
  error?: string;
  failedNode?: string;
}

export function initialRunState(runId: string, engine: string): RunState {
  return { runId, engine, status: "queued", order: [], nodes: {}, logs: [] };
}

export function foldEvent(state: RunState, event: OctopusEvent): RunState {
  switch (event.type) {
    case "run_started":
      return {
        ...state, status: "running", engine: event.engine, startedAt: event.ts,
        order: event.nodes ?? [],
        nodes: Object.fromEntries((event.nodes ?? []).map((id) => [id, { status: "pending", attempt: 0 }])),
      };
    case "node_started":
      return withNode(state, event.node_id, {
        status: "running", attempt: event.attempt ?? 1, startedAt: event.ts, error: undefined,
      });
    case "node_log":
      return {
        ...state,
        logs: [...state.logs, {
          seq: state.logs.length, ts: event.ts ?? 0, nodeId: event.node_id,
          message: event.message, stream: event.stream ?? "stdout",
        }],
      };
    case "node_finished":
      return withNode(state, event.node_id, {
        status: event.status,
        durationS: event.duration_s,
        preview: event.preview ?? undefined,
        outputs: event.outputs ?? undefined,
        error: event.error ?? undefined,
      });
    case "run_finished":
      return {
        ...state, status: event.status, durationS: event.duration_s,
        error: event.error ?? undefined, failedNode: event.failed_node ?? undefined,
      };
  }
}

function withNode(state: RunState, nodeId: string, change: Partial<NodeRun>): RunState {
  const previous = state.nodes[nodeId] ?? { status: "pending", attempt: 0 };
  const order = state.order.includes(nodeId) ? state.order : [...state.order, nodeId];
  return { ...state, order, nodes: { ...state.nodes, [nodeId]: { ...previous, ...change } } };
}

export function isActive(status: RunStatus): boolean {
  return status === "queued" || status === "running";
}

/** "0.42 s", "12 ms", "1 min 3 s" */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return "";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
