"""Saving files that users upload into the seeds folder: allowed types only, bounded size, safe
names, never overwriting an existing file."""
from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

from .records import SUPPORTED_SUFFIXES, UnreadableFile, read_text_file
from .store import StudyQAError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadRejected(StudyQAError):
    pass


def safe_filename(name: str) -> str:
    """Keep a readable file name (Chinese included) but no folders, no control or shell characters,
    and no leading dots: `../../etc/passwd.txt` -> `passwd.txt`."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", name).strip().lstrip(".").strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    # at most 180 bytes as UTF-8 (a Chinese character is 3): file systems take 255, and the
    # hidden `.….part` copy and a ` (2)` need room
    stem = stem.encode("utf-8")[:180].decode("utf-8", "ignore").strip() or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _same_file_in(seeds_dir: Path, src: Path, size: int) -> str | None:
    """The record file in `seeds_dir` (or a folder in it) whose bytes are `src`'s, by its path there;
    None when none is."""
    if not seeds_dir.is_dir():
        return None
    digest = None
    for path in sorted(seeds_dir.rglob("*")):
        if (path.suffix.lower() not in SUPPORTED_SUFFIXES or path.name.startswith(".") or not path.is_file()
                or path.stat().st_size != size):
            continue
        digest = digest or hashlib.sha256(src.read_bytes()).digest()
        if hashlib.sha256(path.read_bytes()).digest() == digest:
            return path.relative_to(seeds_dir).as_posix()
    return None


def save_upload(src: Path, original_name: str, seeds_dir: Path) -> Path:
    """Copy an uploaded file into `seeds_dir`; returns where it was stored. A file that cannot be
    read as a record (not really a Word file, an undecodable text, an empty one) is refused, not
    left in the folder for every build to skip."""
    src, seeds_dir = Path(src), Path(seeds_dir)
    name = safe_filename(original_name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"{original_name}: only {', '.join(SUPPORTED_SUFFIXES)} files can be added")
    size = src.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"{original_name}: {size / 2**20:.1f} MB is over the "
                             f"{MAX_UPLOAD_BYTES // 2**20} MB limit")
    same = _same_file_in(seeds_dir, src, size)
    if same:
        # a second copy would list and count each of its sessions twice (学过几次, the yearly CSV)
        raise UploadRejected(f"{original_name} was not added: the records folder holds the same file already "
                             f"({same})")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    target = seeds_dir / name
    counter = 2
    while target.exists():  # never overwrite: 记录.txt -> 记录 (2).txt
        target = seeds_dir / f"{Path(name).stem} ({counter}){suffix}"
        counter += 1
    if target.resolve().parent != seeds_dir.resolve():
        raise UploadRejected(f"{original_name}: unsafe file name")
    # hidden while it is checked, so a build running meanwhile does not read it
    tmp = target.with_name(f".{target.stem}.part{suffix}")
    try:
        shutil.copyfile(src, tmp)
        read_text_file(tmp)
        tmp.replace(target)
    except UnreadableFile as exc:
        tmp.unlink(missing_ok=True)
        raise UploadRejected(f"{original_name} was not added: it {exc}") from None
    except BaseException:
        # a full disk, a folder not writable: the part copied would stay, hidden, filling the disk
        tmp.unlink(missing_ok=True)
        raise
    return target
