/** TanStack Query hooks over the client: cached reference data and lists. */
import { useQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { NodeSpec } from "./types";

export const queryKeys = {
  nodes: ["nodes"],
  engines: ["engines"],
  targets: ["targets"],
  examples: ["examples"],
  pipelines: ["pipelines"],
  versions: (id: string) => ["pipelines", id, "versions"],
  runs: ["runs"],
  pipelineRuns: (pipelineId: string | null) => ["runs", pipelineId ?? "all"],
  storage: ["storage"],
  storageFolder: (path: string) => ["storage", path],
} as const;

const forever = { staleTime: Infinity } as const;

export function useNodeSpecs() {
  return useQuery({ queryKey: queryKeys.nodes, queryFn: api.nodes, ...forever });
}

const specIndexes = new WeakMap<NodeSpec[], Map<string, NodeSpec>>();
const NO_SPECS = new Map<string, NodeSpec>();

/** Node specs by type, empty while loading. One index per catalog, shared by every caller
 * (each node on the canvas asks for it). */
export function useSpecsByType(): Map<string, NodeSpec> {
  const { data } = useNodeSpecs();
  if (!data) return NO_SPECS;
  let index = specIndexes.get(data);
  if (!index) {
    index = new Map(data.map((spec) => [spec.type, spec]));
    specIndexes.set(data, index);
  }
  return index;
}

export function useEngines() {
  return useQuery({ queryKey: queryKeys.engines, queryFn: api.engines, ...forever });
}

export function useTargets() {
  return useQuery({ queryKey: queryKeys.targets, queryFn: api.targets, ...forever });
}

export function useExamples() {
  return useQuery({ queryKey: queryKeys.examples, queryFn: api.examples, ...forever });
}

export function usePipelineRecords(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.pipelines, queryFn: api.pipelines, enabled });
}

export function usePipelineVersions(id: string | null) {
  return useQuery({
    queryKey: queryKeys.versions(id ?? ""),
    queryFn: () => api.versions(id!),
    enabled: id !== null,
  });
}

/** The latest runs, of one saved pipeline or (null) of all. */
export function useRunHistory(pipelineId: string | null) {
  return useQuery({
    queryKey: queryKeys.pipelineRuns(pipelineId),
    queryFn: () => api.runs(30, pipelineId ?? undefined),
  });
}

export function useStorageFolder(path: string) {
  return useQuery({ queryKey: queryKeys.storageFolder(path), queryFn: () => api.storageFolder(path) });
}
