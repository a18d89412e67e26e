/** The user's storage folder: browse with breadcrumbs, upload (button or drop files from the
 * desktop), download, delete, make folders. Drag a file onto the canvas to read it there. */
import CreateNewFolder from "@mui/icons-material/CreateNewFolderOutlined";
import Delete from "@mui/icons-material/DeleteOutlined";
import Download from "@mui/icons-material/Download";
import Folder from "@mui/icons-material/Folder";
import InsertDriveFile from "@mui/icons-material/InsertDriveFileOutlined";
import UploadFile from "@mui/icons-material/UploadFile";
import {
  Box, Breadcrumbs, CircularProgress, IconButton, LinearProgress, Link, List, ListItem, ListItemButton,
  ListItemIcon, ListItemText, Stack, TextField, Tooltip, Typography,
} from "@mui/material";
import { useRef, useState, type DragEvent } from "react";
import { deleteEntry, makeFolder, upload } from "../../actions/storage";
import { useStorageFolder } from "../../api/hooks";
import type { StorageEntry } from "../../api/types";
import { storageFileUrl } from "../../lib/artifacts";
import { crumbsOf, formatSize } from "../../lib/storagePaths";

export const FILE_DRAG_TYPE = "application/x-octopus-file";

interface Upload {
  key: string;
  name: string;
  fraction: number;
}

export function FileBrowser() {
  const [folder, setFolder] = useState("");
  const { data: entries, isLoading, error } = useStorageFolder(folder);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dropping, setDropping] = useState(false);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const uploadAll = (files: File[]) => {
    for (const file of files) {
      const key = `${folder}/${file.name}@${Date.now()}`;
      const setFraction = (fraction: number) =>
        setUploads((all) => all.map((u) => (u.key === key ? { ...u, fraction } : u)));
      setUploads((all) => [...all, { key, name: file.name, fraction: 0 }]);
      void upload(folder, file, setFraction).then(() => setUploads((all) => all.filter((u) => u.key !== key)));
    }
  };

  // Only files from the desktop: a row dragged out of this list carries FILE_DRAG_TYPE instead.
  const fromDesktop = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  const onDragOver = (event: DragEvent) => {
    if (!fromDesktop(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDropping(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    if (!fromDesktop(event)) return;
    event.preventDefault();
    uploadAll([...event.dataTransfer.files]);
  };

  const submitNewFolder = async () => {
    if (newFolder?.trim() && (await makeFolder(folder, newFolder.trim()))) setNewFolder(null);
  };

  return (
    <Box data-testid="file-browser" sx={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}>
      <Stack direction="row" sx={{ alignItems: "center", px: 1, pt: 0.5 }}>
        <Breadcrumbs maxItems={3} sx={{ flex: 1, minWidth: 0, fontSize: 13 }}>
          {crumbsOf(folder).map((crumb) => (
            <Link key={crumb.path} component="button" underline="hover" color="inherit"
              onClick={() => setFolder(crumb.path)} data-testid={`crumb-${crumb.path}`}>
              {crumb.name}
            </Link>
          ))}
        </Breadcrumbs>
        <Tooltip title="Upload files">
          <IconButton onClick={() => fileInput.current?.click()} data-testid="files-upload"><UploadFile /></IconButton>
        </Tooltip>
        <Tooltip title="New folder">
          <IconButton onClick={() => setNewFolder("")} data-testid="files-new-folder"><CreateNewFolder /></IconButton>
        </Tooltip>
        <input ref={fileInput} type="file" multiple hidden data-testid="file-upload-input"
          onChange={(event) => {
            uploadAll([...(event.target.files ?? [])]);
            event.target.value = "";  // the same file may be chosen again
          }} />
      </Stack>
      {newFolder !== null && (
        <TextField autoFocus placeholder="Folder name" value={newFolder} sx={{ mx: 1, my: 0.5 }}
          onChange={(e) => setNewFolder(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") void submitNewFolder();
            if (e.key === "Escape") setNewFolder(null);
          }}
          onBlur={() => !newFolder.trim() && setNewFolder(null)}
          slotProps={{ htmlInput: { "data-testid": "files-new-folder-name" } }} />
      )}
      {uploads.map((u) => (
        <Box key={u.key} sx={{ px: 1.5, py: 0.5 }} data-testid={`upload-${u.name}`}>
          <Typography variant="caption" noWrap component="div">{u.name}</Typography>
          <LinearProgress variant="determinate" value={u.fraction * 100} />
        </Box>
      ))}
      <Box onDragOver={onDragOver} onDragLeave={() => setDropping(false)} onDrop={onDrop} data-testid="file-list"
        sx={{
          flex: 1, overflowY: "auto", outline: dropping ? 2 : 0, outlineColor: "primary.main", outlineStyle: "dashed",
          outlineOffset: -4,
        }}>
        {isLoading && <CircularProgress size={20} sx={{ m: 2 }} />}
        {error && <Typography variant="body2" color="error" sx={{ p: 1.5 }}>{error.message}</Typography>}
        {entries?.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }}>
            Empty. Upload files, or drop them here from your desktop.
          </Typography>
        )}
        <List dense disablePadding>
          {entries?.map((entry) => <EntryRow key={entry.path} entry={entry} open={setFolder} />)}
        </List>
      </Box>
    </Box>
  );
}

function EntryRow({ entry, open }: { entry: StorageEntry; open: (folder: string) => void }) {
  const details = entry.is_dir ? "folder" : `${formatSize(entry.size)} · ${new Date(entry.modified).toLocaleString()}`;
  return (
    <ListItem disablePadding data-testid={`file-${entry.path}`} secondaryAction={
      <>
        {!entry.is_dir && (
          <IconButton component="a" href={storageFileUrl(entry.path)} download aria-label={`Download ${entry.name}`}
            data-testid={`file-download-${entry.path}`}><Download fontSize="small" /></IconButton>
        )}
        <IconButton onClick={() => void deleteEntry(entry.path, entry.is_dir)} aria-label={`Delete ${entry.name}`}
          data-testid={`file-delete-${entry.path}`}><Delete fontSize="small" /></IconButton>
      </>
    }>
      <ListItemButton
        onClick={entry.is_dir ? () => open(entry.path) : undefined}
        draggable={!entry.is_dir}
        onDragStart={(event) => {
          event.dataTransfer.setData(FILE_DRAG_TYPE, entry.path);
          event.dataTransfer.effectAllowed = "copy";
        }}
        title={entry.is_dir ? "Open the folder" : "Drag onto the canvas to read this file"}
        sx={{ pr: entry.is_dir ? 5 : 9, cursor: entry.is_dir ? "pointer" : "grab" }}
      >
        <ListItemIcon sx={{ minWidth: 28 }}>
          {entry.is_dir ? <Folder fontSize="small" color="primary" /> : <InsertDriveFile fontSize="small" />}
        </ListItemIcon>
        <ListItemText primary={entry.name} secondary={details}
          slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true, sx: { fontSize: 11 } } }} />
      </ListItemButton>
    </ListItem>
  );
}
