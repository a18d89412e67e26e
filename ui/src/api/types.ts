/** Shapes of the Octopus REST API (see octopus/server). Events are generated: events.gen.ts. */

export type Category = "input" | "process" | "ml" | "registry" | "deploy" | "llm" | "output";

export interface PortSpec {
  name: string;
  type: string;
  description: string;
  required: boolean;
  /** Takes several connections; each may also be of type `items`. */
  many: boolean;
  items: string;
}

export interface NodeSpec {
  type: string;
  category: Category;
  title: string;
  description: string;
  icon: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** Accepts input ports of any name (a **kwargs function). */
  any_inputs: boolean;
  params_schema: JsonSchema;
}

// JSON Schema is open-ended; @rjsf/utils owns the precise type.
export type JsonSchema = Record<string, unknown>;

export type ParamType = "string" | "number" | "integer" | "boolean" | "array" | "object";

export interface PipelineParam {
  type: ParamType;
  default?: unknown;
  description?: string;
}

export interface PipelineNode {
  id: string;
  type: string;
  label?: string | null;
  description?: string;
  params?: Record<string, unknown>;
  inputs?: Record<string, string | string[]>;
  retries?: number;
  ui?: { x: number; y: number; [extra: string]: unknown } | null;
}

export interface Pipeline {
  octopus: 1;
  name: string;
  description?: string;
  params?: Record<string, PipelineParam>;
  nodes: PipelineNode[];
}

export interface Issue {
  node: string | null;
  field: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: Issue[];
}

export interface Named {
  name: string;
  title: string;
}

export interface Example extends Named {
  description: string;
}

export interface PipelineSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PipelineRecord extends PipelineSummary {
  pipeline: Pipeline;
}

export interface VersionSummary {
  version: number;
  name: string;
  created_at: string;
}

export interface PipelineVersion {
  version: number;
  created_at: string;
  pipeline: Pipeline;
}

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface RunSummary {
  id: string;
  pipeline_id: string | null;
  pipeline_name: string;
  engine: string;
  status: RunStatus;
  created_at: string;
  finished_at: string | null;
  duration_s: number | null;
  error: string | null;
  failed_node: string | null;
}

export interface RunRecord extends RunSummary {
  pipeline_version: number | null;
  started_at: string | null;
  params: Record<string, unknown>;
  outputs: Record<string, Record<string, unknown>>;
  pipeline: Pipeline;
}

/** A file or folder in the user's storage (GET /api/storage). */
export interface StorageEntry {
  name: string;
  /** From the top of storage, with forward slashes. */
  path: string;
  is_dir: boolean;
  size: number;
  modified: string;
}
