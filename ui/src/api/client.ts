/** A small typed fetch client. Errors keep the server's `detail` so the UI can show
 * the message and mark the nodes named in its issues. */
import type {
  Example, Issue, Named, NodeSpec, Pipeline, PipelineRecord, PipelineSummary, PipelineVersion,
  RunRecord, RunSummary, StorageEntry, ValidationResult, VersionSummary,
} from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** FastAPI answers {"detail": string | {message, issues} | [pydantic errors]}. */
export function errorFrom(status: number, body: unknown): ApiError {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === "string") return new ApiError(status, detail);
  if (detail && typeof detail === "object" && "message" in detail) {
    const { message, issues } = detail as { message: string; issues?: Issue[] };
    return new ApiError(status, message, issues ?? []);
  }
  if (Array.isArray(detail)) {
    const issues = detail.map((e: { loc?: unknown[]; msg?: string }) => ({
      node: null, field: (e.loc ?? []).join("."), message: e.msg ?? "invalid",
    }));
    return new ApiError(status, "The request was not accepted", issues);
  }
  return new ApiError(status, `The server answered ${status}`);
}

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    throw errorFrom(response.status, payload);
  }
  return response;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await request(method, path, body)).json() as Promise<T>;
}

const q = encodeURIComponent;

export const api = {
  nodes: () => json<NodeSpec[]>("GET", "/api/nodes"),
  engines: () => json<Named[]>("GET", "/api/engines"),
  targets: () => json<Named[]>("GET", "/api/targets"),
  validate: (pipeline: Pipeline) => json<ValidationResult>("POST", "/api/validate", pipeline),
  dumpYaml: (pipeline: Pipeline) => json<{ yaml: string }>("POST", "/api/yaml/dump", pipeline),
  loadYaml: (text: string) => json<{ pipeline: Pipeline }>("POST", "/api/yaml/load", { text }),
  compileZip: async (pipeline: Pipeline, target: string) =>
    (await request("POST", "/api/compile/zip", { pipeline, target })).blob(),

  pipelines: () => json<PipelineSummary[]>("GET", "/api/pipelines"),
  pipeline: (id: string) => json<PipelineRecord>("GET", `/api/pipelines/${q(id)}`),
  createPipeline: (pipeline: Pipeline) => json<PipelineRecord>("POST", "/api/pipelines", { pipeline }),
  updatePipeline: (id: string, pipeline: Pipeline, version: number) =>
    json<PipelineRecord>("PUT", `/api/pipelines/${q(id)}`, { pipeline, version }),
  versions: (id: string) => json<VersionSummary[]>("GET", `/api/pipelines/${q(id)}/versions`),
  version: (id: string, version: number) =>
    json<PipelineVersion>("GET", `/api/pipelines/${q(id)}/versions/${version}`),

  startRun: (request: RunRequest) => json<RunRecord>("POST", "/api/runs", request),
  /** Newest first; only those filed under `pipelineId` when given. */
  runs: (limit: number, pipelineId?: string) =>
    json<RunSummary[]>("GET", `/api/runs?limit=${limit}${pipelineId ? `&pipeline_id=${q(pipelineId)}` : ""}`),
  run: (id: string) => json<RunRecord>("GET", `/api/runs/${q(id)}`),
  cancelRun: (id: string) => json<RunSummary>("POST", `/api/runs/${q(id)}/cancel`),
  runEventsUrl: (id: string) => `/api/runs/${q(id)}/events`,

  examples: () => json<Example[]>("GET", "/api/examples"),
  example: (name: string) => json<Pipeline>("GET", `/api/examples/${q(name)}`),
  storageFolder: (path: string) => json<StorageEntry[]>("GET", `/api/storage?path=${q(path)}`),
  makeFolder: (path: string) => json<StorageEntry>("POST", `/api/storage/folder?path=${q(path)}`),
  deleteStorage: async (path: string) => void await request("DELETE", `/api/storage?path=${q(path)}`),
};

/** A pipeline to run; with `pipeline_id` the run is filed under that saved pipeline's history. */
export interface RunRequest {
  pipeline: Pipeline;
  pipeline_id?: string;
  /** The saved version the pipeline is, when it has no unsaved edits. */
  version?: number;
  engine: string;
  params: Record<string, unknown>;
}
