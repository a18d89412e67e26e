/** Open a saved pipeline (any of its versions) or start from an example. */
import ExpandLess from "@mui/icons-material/ExpandLess";
import ExpandMore from "@mui/icons-material/ExpandMore";
import {
  Box, Card, CardActionArea, CardContent, CircularProgress, Collapse, Dialog, DialogContent, DialogTitle, IconButton,
  List, ListItem, ListItemButton, ListItemText, Tab, Tabs, Typography,
} from "@mui/material";
import { useState } from "react";
import { openExample, openRecord, openVersion, reportError } from "../../actions/pipelineFile";
import { useExamples, usePipelineRecords, usePipelineVersions } from "../../api/hooks";
import type { PipelineSummary } from "../../api/types";
import { useDialogs } from "../../store/dialogs";

type OpenTab = "saved" | "examples";

export function OpenDialog() {
  const open = useDialogs((s) => s.open === "open");
  const close = useDialogs((s) => s.close);
  const [tab, setTab] = useState<OpenTab>("saved");

  /** Opens, then closes the dialog; a failure is reported and leaves it open. */
  const openWith = (load: () => Promise<void>) => () =>
    load().then(close, (error) => reportError("Could not open", error));

  return (
    <Dialog open={open} onClose={close} maxWidth="md" fullWidth data-testid="open-dialog">
      <DialogTitle sx={{ pb: 0 }}>Open a pipeline</DialogTitle>
      <Tabs value={tab} onChange={(_, value: OpenTab) => setTab(value)} sx={{ px: 3 }}>
        <Tab value="saved" label="Saved" data-testid="open-tab-saved" />
        <Tab value="examples" label="Examples" data-testid="open-tab-examples" />
      </Tabs>
      <DialogContent dividers sx={{ height: 420 }}>
        {tab === "saved" ? <SavedList openWith={openWith} /> : <ExampleGallery openWith={openWith} />}
      </DialogContent>
    </Dialog>
  );
}

type OpenWith = (load: () => Promise<void>) => () => void;

function SavedList({ openWith }: { openWith: OpenWith }) {
  const { data: records, isLoading } = usePipelineRecords(true);
  if (isLoading) return <CircularProgress />;
  if (!records?.length) return <Typography color="text.secondary">Nothing saved yet. Save the canvas with Ctrl+S.</Typography>;
  return (
    <List dense>
      {records.map((record) => <SavedItem key={record.id} record={record} openWith={openWith} />)}
    </List>
  );
}

function SavedItem({ record, openWith }: { record: PipelineSummary; openWith: OpenWith }) {
  const [expanded, setExpanded] = useState(false);
  const { data: versions } = usePipelineVersions(expanded ? record.id : null);
  return (
    <>
      <ListItem disablePadding secondaryAction={
        <IconButton aria-label="Versions" onClick={() => setExpanded(!expanded)} data-testid={`versions-${record.id}`}>
          {expanded ? <ExpandLess /> : <ExpandMore />}
        </IconButton>
      }>
        <ListItemButton onClick={openWith(() => openRecord(record.id))} data-testid={`saved-${record.name}`}>
          <ListItemText
            primary={`${record.name}  ·  v${record.version}`}
            secondary={[record.description, `updated ${new Date(record.updated_at).toLocaleString()}`].filter(Boolean).join(" — ")}
          />
        </ListItemButton>
      </ListItem>
      <Collapse in={expanded} unmountOnExit>
        <List dense sx={{ pl: 4 }}>
          {(versions ?? []).map((v) => (
            <ListItemButton key={v.version} onClick={openWith(() => openVersion(record.id, v.version))}>
              <ListItemText primary={`Version ${v.version} · ${v.name}`} secondary={new Date(v.created_at).toLocaleString()} />
            </ListItemButton>
          ))}
        </List>
      </Collapse>
    </>
  );
}

function ExampleGallery({ openWith }: { openWith: OpenWith }) {
  const { data: examples, isLoading } = useExamples();
  if (isLoading) return <CircularProgress />;
  return (
    <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: 1.5 }}>
      {(examples ?? []).map((example) => (
        <Card key={example.name} variant="outlined">
          <CardActionArea onClick={openWith(() => openExample(example.name))} data-testid={`example-${example.name}`} sx={{ height: "100%" }}>
            <CardContent>
              <Typography variant="subtitle2">{example.title}</Typography>
              <Typography variant="caption" sx={{ fontFamily: "monospace", color: "text.secondary" }}>{example.name}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{example.description}</Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
    </Box>
  );
}
