/** Validates the pipeline on the server as the graph changes (debounced; moves alone
 * do not count), so nodes with problems are marked while the user edits. */
import { useEffect, useMemo } from "react";
import { api } from "../api/client";
import { meaningOf, toPipeline } from "../lib/pipeline";
import { useGraph } from "../store/graph";
import { useIssues } from "../store/issues";

const DEBOUNCE_MS = 400;

export function useValidation(): void {
  const meta = useGraph((s) => s.meta);
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const setIssues = useIssues((s) => s.setIssues);
  const meaning = useMemo(
    () => JSON.stringify(meaningOf(toPipeline({ meta, nodes, edges }))),
    [meta, nodes, edges],
  );

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.validate(JSON.parse(meaning))
        .then((result) => !stale && setIssues(result.issues))
        .catch((error) => !stale && setIssues(error.issues ?? []));
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [meaning, setIssues]);
}
