/** TanStack Query hooks over the client: cached reference data and lists. */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
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
} as const;

const forever = { staleTime: Infinity } as const;

export function useNodeSpecs() {
  return useQuery({ queryKey: queryKeys.nodes, queryFn: api.nodes, ...forever });
}

/** Node specs by type, empty while loading. */
export function useSpecsByType(): Map<string, NodeSpec> {
  const { data } = useNodeSpecs();
  return useMemo(() => new Map((data ?? []).map((spec) => [spec.type, spec])), [data]);
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

export function useRunHistory(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.runs, queryFn: () => api.runs(30), enabled });
}
