"""The user's storage folder: files a person uploads and files output nodes write.

Every path is relative to the folder and must stay inside it: absolute paths, `..` and
symbolic links are refused, whoever asks (the REST API or a node's parameter)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from octopus.settings import examples_dir, storage_root


class StorageError(ValueError):
    """A path or an operation the storage folder refuses; the message says why."""


class StorageNotFound(StorageError):
    pass


@dataclass(frozen=True)
class Entry:
    name: str
    path: str  # relative to the storage folder, with forward slashes
    is_dir: bool
    size: int
    modified: float


def root() -> Path:
    folder = storage_root()
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def resolve(path: str, *, must_exist: bool = False) -> Path:
    """The real path for a storage-relative `path`, or StorageError if it would leave the folder."""
    if "\x00" in path:
        raise StorageError(f"path {path!r} contains a NUL character")
    text = path.replace("\\", "/").strip()
    rel = PurePosixPath(text)
    if rel.is_absolute() or (len(text) > 1 and text[1] == ":"):
        raise StorageError(f"path {path!r} is absolute: give a path inside the storage folder")
    if ".." in rel.parts:
        raise StorageError(f"path {path!r} contains '..': give a path inside the storage folder")
    base = root()
    target = base.joinpath(*rel.parts)
    # No component may be a link: a link could point anywhere, now or after a later change.
    current = base
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            raise StorageError(f"path {path!r} goes through a symbolic link, which storage does not follow")
    if not target.resolve().is_relative_to(base):
        raise StorageError(f"path {path!r} leaves the storage folder")
    if must_exist and not target.exists():
        raise StorageNotFound(f"no file or folder '{rel.as_posix()}' in storage")
    return target


def relative(path: Path) -> str:
    return path.resolve().relative_to(root()).as_posix()


def _entry(path: Path) -> Entry:
    stat = path.stat()
    return Entry(name=path.name, path=relative(path), is_dir=path.is_dir(),
                 size=0 if path.is_dir() else stat.st_size, modified=stat.st_mtime)


def listdir(path: str = "") -> list[Entry]:
    folder = resolve(path, must_exist=True)
    if not folder.is_dir():
        raise StorageError(f"'{path}' is a file, not a folder")
    children = [c for c in folder.iterdir() if not c.is_symlink()]
    return [_entry(c) for c in sorted(children, key=lambda c: (not c.is_dir(), c.name.lower()))]


def save(path: str, source: BinaryIO, *, limit: int) -> Entry:
    """Write `source` to `path` (its folders are made), refusing more than `limit` bytes.
    The file appears only when complete: a refused or broken upload leaves nothing behind,
    and an existing file of that name stays as it was."""
    target = resolve(path)
    if not target.name:
        raise StorageError("give a file name to upload to")
    if target.is_dir():
        raise StorageError(f"'{path}' is a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    written = 0
    try:
        with partial.open("wb") as out:
            while chunk := source.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    raise StorageError(f"the file is larger than the upload limit of {limit:,} bytes")
                out.write(chunk)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return _entry(target)


def write_bytes(path: str, data: bytes) -> str:
    """For output nodes: write a file, return its storage path."""
    target = resolve(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative(target)


def mkdir(path: str) -> Entry:
    target = resolve(path)
    if target.exists() and not target.is_dir():
        raise StorageError(f"'{path}' is already a file")
    target.mkdir(parents=True, exist_ok=True)
    return _entry(target)


def delete(path: str) -> None:
    target = resolve(path, must_exist=True)
    if target == root():
        raise StorageError("the storage folder itself cannot be deleted")
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()


def seed_examples() -> None:
    """Copy the examples' data files (examples/data) into storage/examples where missing:
    the example pipelines read them from there."""
    source = examples_dir() / "data"
    if not source.is_dir():
        return
    for file in source.iterdir():
        target = root() / "examples" / file.name
        if file.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
