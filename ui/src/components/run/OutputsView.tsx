/** The values each node produced: JSON, a table's first rows, an image, a file to download. */
import { Box, Link, Typography } from "@mui/material";
import { useShallow } from "zustand/react/shallow";
import { useSpecsByType } from "../../api/hooks";
import { outputViews, portTypesOf, type OutputView } from "../../lib/artifacts";
import { useDialogs } from "../../store/dialogs";
import { useGraph } from "../../store/graph";
import { useRun } from "../../store/run";
import { Empty } from "./LogView";

const BLOCK = { m: 0, fontSize: 12, bgcolor: "action.hover", p: 1, borderRadius: 1, overflow: "auto" } as const;

export function OutputsView() {
  const run = useRun((s) => s.run);
  const specs = useSpecsByType();
  // Node types by id, to know which output ports hold files.
  const typeOf = useGraph(useShallow((s) => Object.fromEntries(s.nodes.map((n) => [n.id, n.data.type]))));
  const produced = (run?.order ?? []).filter((id) => run?.nodes[id]?.outputs);
  if (!produced.length) return <Empty text="Outputs appear here when nodes finish." />;
  return (
    <Box data-testid="run-outputs" sx={{ p: 1.5, display: "grid", gap: 1 }}>
      {produced.map((id) => {
        const { outputs, preview } = run!.nodes[id];
        const views = outputViews(outputs, preview, portTypesOf(specs.get(typeOf[id])?.outputs));
        return (
          <Box key={id}>
            <Typography variant="caption" sx={{ fontFamily: "monospace", fontWeight: 700 }}>{id}</Typography>
            {views.map((view) => <OutputBlock key={view.port} nodeId={id} view={view} />)}
          </Box>
        );
      })}
    </Box>
  );
}

function OutputBlock({ nodeId, view }: { nodeId: string; view: OutputView }) {
  const showImage = useDialogs((s) => s.showImage);
  const testId = `output-${view.kind}-${nodeId}-${view.port}`;
  return (
    <Box sx={{ mt: 0.5 }}>
      <Typography variant="caption" color="text.secondary" component="div">{view.port}</Typography>
      {view.kind === "image" && (
        <Box component="img" src={view.src} alt={view.title} data-testid={testId} title="Click to enlarge"
          onClick={() => showImage({ src: view.src, title: view.title })}
          sx={{ maxHeight: 240, maxWidth: "100%", cursor: "zoom-in", display: "block" }} />
      )}
      {view.kind === "table" && <Box component="pre" data-testid={testId} sx={{ ...BLOCK, maxHeight: 240 }}>{view.text}</Box>}
      {view.kind === "file" && <Link href={view.href} download data-testid={testId}>{view.path}</Link>}
      {view.kind === "text" && (
        <Box component="pre" sx={BLOCK}>
          {"value" in view ? JSON.stringify(view.value, null, 2) : view.text}
        </Box>
      )}
    </Box>
  );
}
