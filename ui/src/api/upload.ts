/** Uploads a file into storage as the raw request body, with progress: fetch cannot report
 * upload progress, XMLHttpRequest can. */
import { ApiError, errorFrom } from "./client";
import type { StorageEntry } from "./types";

export function uploadFile(path: string, file: File, onProgress: (fraction: number) => void): Promise<StorageEntry> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/storage/file?path=${encodeURIComponent(path)}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as StorageEntry);
      else reject(errorFrom(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new ApiError(0, "the upload did not reach the server"));
    xhr.send(file);
  });
}
