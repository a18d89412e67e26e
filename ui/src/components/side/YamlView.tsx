/** The pipeline as YAML, kept in step with the canvas by the server's own dumper (so it is
 * exactly what Export writes). Editing it and pressing Apply puts the change on the canvas. */
import { Alert, Box, Button, Stack, Typography } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { ApiError, api } from "../../api/client";
import { toPipeline } from "../../lib/pipeline";
import { useGraph } from "../../store/graph";

const DEBOUNCE_MS = 300;

export function YamlView() {
  const meta = useGraph((s) => s.meta);
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const pipelineJson = useMemo(() => JSON.stringify(toPipeline({ meta, nodes, edges })), [meta, nodes, edges]);
  const [yaml, setYaml] = useState("");
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.dumpYaml(JSON.parse(pipelineJson))
        .then((result) => { if (!stale) { setYaml(result.yaml); setError(null); } })
        .catch((e) => !stale && setError(e));
    }, DEBOUNCE_MS);
    return () => { stale = true; clearTimeout(timer); };
  }, [pipelineJson]);

  const apply = async () => {
    if (draft === null) return;
    try {
      const { pipeline } = await api.loadYaml(draft);
      useGraph.getState().replace(pipeline);
      setDraft(null);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <Stack spacing={1} sx={{ height: "100%" }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
          {draft === null ? "Live view of the canvas. Edit to change it." : "Edited: apply to update the canvas."}
        </Typography>
        {draft !== null && <Button onClick={() => { setDraft(null); setError(null); }}>Discard</Button>}
        {draft !== null && <Button variant="contained" onClick={apply} data-testid="yaml-apply">Apply</Button>}
      </Stack>
      {error && (
        <Alert severity="error">
          {error.message}
          {error.issues?.map((i) => <div key={`${i.node}:${i.field}:${i.message}`}>{[i.node, i.field].filter(Boolean).join(" ")}: {i.message}</div>)}
        </Alert>
      )}
      <Box
        component="textarea"
        data-testid="yaml-view"
        spellCheck={false}
        value={draft ?? yaml}
        onChange={(e) => setDraft(e.target.value)}
        sx={{
          flex: 1, minHeight: 300, resize: "none", fontFamily: "monospace", fontSize: 12, p: 1, borderRadius: 1,
          border: 1, borderColor: "divider", bgcolor: "action.hover", color: "text.primary", outline: "none",
        }}
      />
    </Stack>
  );
}
