/** Changes to the user's storage folder; each refreshes the listings and reports failures
 * with the server's message. */
import { api } from "../api/client";
import { queryKeys } from "../api/hooks";
import { queryClient } from "../api/queryClient";
import { uploadFile } from "../api/upload";
import { joinPath } from "../lib/storagePaths";
import { confirm } from "../store/dialogs";
import { notify } from "../store/notify";

const refreshListings = () => queryClient.invalidateQueries({ queryKey: queryKeys.storage });

/** The server's message. Not `reportError`: a storage path is no issue of the pipeline's. */
function reportError(what: string, error: unknown): void {
  notify(`${what}: ${error instanceof Error ? error.message : String(error)}`, "error");
}

export async function upload(folder: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
  try {
    await uploadFile(joinPath(folder, file.name), file, onProgress);
  } catch (error) {
    reportError(`Could not upload ${file.name}`, error);
  } finally {
    void refreshListings();
  }
}

export async function makeFolder(folder: string, name: string): Promise<boolean> {
  try {
    await api.makeFolder(joinPath(folder, name));
    void refreshListings();
    return true;
  } catch (error) {
    reportError(`Could not create the folder ${name}`, error);
    return false;
  }
}

export async function deleteEntry(path: string, isDir: boolean): Promise<void> {
  const what = isDir ? `the folder ${path} and everything in it` : path;
  if (!(await confirm("Delete from storage?", `Delete ${what}? This cannot be undone.`, "Delete"))) return;
  try {
    await api.deleteStorage(path);
    notify(`Deleted ${path}`, "success");
  } catch (error) {
    reportError(`Could not delete ${path}`, error);
  } finally {
    void refreshListings();
  }
}
