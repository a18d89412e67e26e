/** New, open, save, import and export of the pipeline on the canvas. */
import { ApiError, api } from "../api/client";
import { queryKeys } from "../api/hooks";
import { queryClient } from "../api/queryClient";
import type { Pipeline, PipelineRecord } from "../api/types";
import { autoLayout } from "./editing";
import { downloadBlob, safeFilename } from "../lib/download";
import { currentPipeline, EMPTY_PIPELINE, useGraph, type SavedAs } from "../store/graph";
import { useIssues } from "../store/issues";
import { notify } from "../store/notify";
import { useRun } from "../store/run";

export function openPipeline(pipeline: Pipeline, savedAs: SavedAs | null = null): void {
  useGraph.getState().load(pipeline, savedAs);
  // A hand-written pipeline has no positions: place it rather than stacking it in a row.
  if (pipeline.nodes.length && pipeline.nodes.every((node) => !node.ui)) void autoLayout(false);
  useRun.getState().clear();
  useIssues.getState().setIssues([]);
}

export function newPipeline(): void {
  openPipeline(EMPTY_PIPELINE);
}

export async function openRecord(id: string): Promise<void> {
  const record = await api.pipeline(id);
  openPipeline(record.pipeline, { id: record.id, version: record.version });
}

/** An older version opens as an edit of the latest: saving it makes it the newest version. */
export async function openVersion(id: string, version: number): Promise<void> {
  const [record, old] = await Promise.all([api.pipeline(id), api.version(id, version)]);
  openPipeline(old.pipeline, { id: record.id, version: record.version });
}

export async function openExample(name: string): Promise<void> {
  openPipeline(await api.example(name));
}

export async function savePipeline(): Promise<void> {
  const { savedAs, markSaved } = useGraph.getState();
  const pipeline = currentPipeline();
  try {
    const record: PipelineRecord = savedAs
      ? await api.updatePipeline(savedAs.id, pipeline, savedAs.version)
      : await api.createPipeline(pipeline);
    markSaved({ id: record.id, version: record.version });
    queryClient.invalidateQueries({ queryKey: queryKeys.pipelines });
    notify(`Saved "${record.name}" (version ${record.version})`, "success");
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && savedAs) {
      notify("Someone saved a newer version of this pipeline. Reload it to see theirs (your changes here are lost).",
        "warning", { action: { label: "Reload", run: () => void openRecord(savedAs.id) } });
    } else {
      reportError("Could not save", error);
    }
  }
}

export async function importFile(file: File): Promise<void> {
  try {
    const { pipeline } = await api.loadYaml(await file.text());
    openPipeline(pipeline);
    notify(`Imported ${file.name}`, "success");
  } catch (error) {
    reportError(`Could not import ${file.name}`, error);
  }
}

export async function exportYaml(): Promise<void> {
  const pipeline = currentPipeline();
  try {
    const { yaml } = await api.dumpYaml(pipeline);
    downloadBlob(new Blob([yaml], { type: "application/yaml" }), `${safeFilename(pipeline.name)}.yaml`);
  } catch (error) {
    reportError("Could not export", error);
  }
}

export async function exportBundle(target: string): Promise<void> {
  const pipeline = currentPipeline();
  try {
    const zip = await api.compileZip(pipeline, target);
    downloadBlob(zip, `${safeFilename(pipeline.name)}-${target}.zip`);
  } catch (error) {
    reportError(`Could not compile for ${target}`, error);
  }
}

/** Shows the server's message, lists its issues and marks the nodes they name. */
export function reportError(what: string, error: unknown): void {
  if (error instanceof ApiError) {
    if (error.issues.length) useIssues.getState().setIssues(error.issues);
    notify(`${what}: ${error.message}`, "error", {
      details: error.issues.map((i) => [i.node && `${i.node}`, i.field, i.message].filter(Boolean).join(" · ")),
    });
  } else {
    notify(`${what}: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}
