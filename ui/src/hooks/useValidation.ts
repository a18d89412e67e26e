/** Validates the pipeline on the server as the graph changes (debounced; moves alone
 * do not count), so nodes with problems are marked while the user edits.
 *
 * It listens to the store rather than selecting from it: the graph changes on every node
 * React Flow measures (many while a big pipeline pans), and a selector here would re-render
 * the whole app each time. The pipeline is serialised only once the edits pause. */
import { useEffect } from "react";
import { api } from "../api/client";
import type { Issue } from "../api/types";
import { meaningOf, toPipeline } from "../lib/pipeline";
import { useGraph } from "../store/graph";
import { useIssues } from "../store/issues";

const DEBOUNCE_MS = 400;

export function useValidation(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let validated = "";
    let latestRequest = 0;

    const validateSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const meaning = JSON.stringify(meaningOf(toPipeline(useGraph.getState())));
        if (meaning === validated) return;
        validated = meaning;
        const request = ++latestRequest;
        const setIssues = (issues: Issue[]) => {
          if (request === latestRequest) useIssues.getState().setIssues(issues);
        };
        api.validate(JSON.parse(meaning))
          .then((result) => setIssues(result.issues))
          .catch((error) => setIssues(error.issues ?? []));
      }, DEBOUNCE_MS);
    };

    validateSoon();
    const unsubscribe = useGraph.subscribe((state, previous) => {
      if (state.meta !== previous.meta || state.nodes !== previous.nodes || state.edges !== previous.edges) validateSoon();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      latestRequest++;  // a reply still on its way is dropped
    };
  }, []);
}
