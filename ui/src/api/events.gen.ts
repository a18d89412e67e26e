/* Generated from octopus.runtime.events by `npm run gen:types`. Do not edit. */

export type OctopusEvent = RunStarted | NodeStarted | NodeLog | NodeFinished | RunFinished;

export interface RunStarted {
  run_id: string;
  /**
   * Unix time in seconds.
   */
  ts?: number;
  type: "run_started";
  pipeline: string;
  engine: string;
  params?: {
    [k: string]: unknown;
  };
  /**
   * Node ids in run order.
   */
  nodes?: string[];
}
export interface NodeStarted {
  run_id: string;
  /**
   * Unix time in seconds.
   */
  ts?: number;
  type: "node_started";
  node_id: string;
  attempt?: number;
}
export interface NodeLog {
  run_id: string;
  /**
   * Unix time in seconds.
   */
  ts?: number;
  type: "node_log";
  node_id: string;
  message: string;
  stream?: "stdout" | "stderr" | "log";
}
export interface NodeFinished {
  run_id: string;
  /**
   * Unix time in seconds.
   */
  ts?: number;
  type: "node_finished";
  node_id: string;
  status: "succeeded" | "failed" | "skipped" | "cancelled";
  duration_s?: number;
  /**
   * Port -> value, or an artifact reference.
   */
  outputs?: {
    [k: string]: unknown;
  } | null;
  /**
   * Port -> short text for the canvas.
   */
  preview?: {
    [k: string]: string;
  } | null;
  error?: string | null;
}
export interface RunFinished {
  run_id: string;
  /**
   * Unix time in seconds.
   */
  ts?: number;
  type: "run_finished";
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  duration_s?: number;
  error?: string | null;
  failed_node?: string | null;
}
