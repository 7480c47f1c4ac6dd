"""Seeds folder -> index folder, incrementally.

Files are compared by content hash with the manifest: unchanged files are not even parsed; new
and changed files are parsed, and only passages whose embedded text is not already in the index
are embedded. Deleted files lose their passages. A file that cannot be read is reported and, if it
was indexed before, its old passages are kept: nothing already indexed is lost."""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

import numpy as np

from embeddings import model_build

from . import zh
from .passages import session_passages
from .records import (BROKEN_LINK, PARSER_VERSION, SAME_FILE, SUPPORTED_SUFFIXES, UnreadableFile, dates_to_check, load_sessions,
                      scan_seeds)
from .store import (IndexCorrupt, PassageIndex, StudyQAError, foreign_files, manifest_stamp, read_manifest,
                    note_build_seeds, recorded_seeds_dir, remove_stale_files, stale_model_build, write_failure)
from .types import FileProblem, Passage

ProgressFn = Callable[[str, int, int], None]  # (stage, done, total)


_RECORD_TYPES = ", ".join(SUPPORTED_SUFFIXES)      # for messages: `.txt, .md, .docx`


class BuildInProgress(StudyQAError):
    pass


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    reread: list[str] = field(default_factory=list)     # unchanged, read again by a newer record reader
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    passages_embedded: int = 0
    passages_reused: int = 0
    sentences_resumed: int = 0     # of theirs, embedded by an earlier build that was interrupted
    renamed: list[tuple[str, str]] = field(default_factory=list)   # (old name, new name)
    # of `changed`, those whose content is as indexed, read again only because of --reparse
    reparsed: list[str] = field(default_factory=list)
    passages_total: int = 0
    sessions_total: int = 0
    problems: list[FileProblem] = field(default_factory=list)   # files (or parts) not indexed
    warnings: list[FileProblem] = field(default_factory=list)   # indexed, but worth a look
    rebuilt_for_model: str | None = None
    rebuilt_from_build: int | None = None    # the model is the same, its build was older
    seconds: float = 0.0

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.reread or self.removed or self.rebuilt_for_model)

    def summary(self) -> str:
        # a renamed file is neither added nor removed, and a file read again by --reparse whose
        # content is as indexed is not changed: each is counted once, as what it is
        # (one file renamed and copied gives two renamed pairs of one old name: two renamed, one removed)
        moved_from = {old for old, new in self.renamed if new in self.added and old in self.removed}
        moved_to = {new for old, new in self.renamed if new in self.added and old in self.removed}
        lines = [f"files: {len(self.added) - len(moved_to)} added, {len(self.changed) - len(self.reparsed)} changed, "
                 f"{len(self.removed) - len(moved_from)} removed"
                 + (f", {len(moved_to)} renamed" if moved_to else "")
                 + f", {self.unchanged + len(self.reread) + len(self.reparsed)} unchanged"
                 + (f" ({len(self.reparsed)} read again: --reparse)" if self.reparsed else ""),
                 f"passages: {self.passages_embedded} embedded"
                 + (f" ({self.sentences_resumed} of their sentences by the interrupted build "
                    f"before)" if self.sentences_resumed else "")
                 + f", {self.passages_reused} reused; "
                 f"index now holds {self.passages_total} passages from {self.sessions_total} sessions "
                 f"({self.seconds:.1f} s)"]
        for old, new in self.renamed:
            lines.append(f"renamed: {old} -> {new} (nothing re-embedded)")
        if self.reread:
            lines.insert(1, f"reader updated: {len(self.reread)} unchanged file(s) read again with the newer "
                            f"record reader (version {PARSER_VERSION}); only text not indexed before is embedded")
        if self.rebuilt_from_build is not None:
            lines.insert(0, f"model updated: every passage embedded again with build "
                            f"{model_build(self.rebuilt_for_model)} of {self.rebuilt_for_model} "
                            f"(the index held build {self.rebuilt_from_build})")
        elif self.rebuilt_for_model:
            lines.insert(0, f"model changed: rebuilt everything with {self.rebuilt_for_model}")
        for problem in self.problems:
            lines.append(f"skipped {problem}")
        for warning in self.warnings:
            lines.append(f"warning: {warning}")
        return "\n".join(lines)


def embedding_text(passage: Passage) -> str:
    """What the model reads for a passage."""
    return passage.text


def vectors_id(model: str) -> str:
    """The model and its build, as embedding keys name them: another model, or another build of
    it, never reuses vectors (nor an interrupted build's saved ones). Computed once per build."""
    build = model_build(model)
    return model if build is None else f"{model}@{build}"


def embedding_key(model_id: str, text: str) -> str:
    """The key of `text`'s vectors made by `model_id` (`vectors_id`)."""
    return hashlib.sha1(f"{model_id}\x00{text}".encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class StderrProgress:
    """Progress on stderr with rate and time left: a bar rewritten in place on a terminal, a line
    every 10% (or every 30 s) otherwise, so logs of long builds stay readable."""

    def __init__(self):
        self._started: dict[str, float] = {}
        self._last_print = 0.0
        self._last_tenth = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        started = self._started.setdefault(stage, now)
        tenth = 10 * done // max(total, 1)
        tty = sys.stderr.isatty()
        if not tty and done < total and tenth == self._last_tenth and now - self._last_print < 30:
            return
        self._last_tenth, self._last_print = tenth, now
        elapsed = now - started
        rate = done / elapsed if elapsed > 0.5 else 0.0   # too early to tell
        left = (total - done) / rate if rate > 0 else 0
        bar = "#" * (30 * done // max(total, 1))
        speed = ("done" if done >= total else f"{rate:.0f}/s, {_minutes(left)} left" if rate else "starting")
        line = f"{stage}: [{bar:<30}] {done}/{total}  {_minutes(elapsed)} elapsed, {speed}"
        sys.stderr.write(line + ("\r" if tty and done < total else "\n"))
        sys.stderr.flush()


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


@contextmanager
def build_lock(index_dir: Path):
    """One build per index folder at a time (a second `studyqa index`, a double click on Rebuild)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudyQAError(f"cannot make the index folder {index_dir} ({exc.strerror or exc}); nothing was "
                           "changed. Give --index a folder you can write to") from None
    _check_writable(index_dir)      # (said plainly, not as the lock file's error)
    with open(index_dir / ".build.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgress(f"another build of {index_dir} is running; wait for it to finish "
                                  f"(searches keep using the current index meanwhile)") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def absent_but_kept(seeds_dir: Path, absent: dict[str, dict], scan_problems: list[FileProblem]) -> tuple[set, list]:
    """Of the indexed files `absent` from the seeds folder now (name -> manifest entry), those whose
    passages a build keeps, and what to say of them: the files under a folder that cannot be opened
    or a link to something not there (scan_seeds reports those), and the files of a drive mounted
    in the seeds folder when they were indexed and not mounted now (its folder is there, empty or
    holding what was under it before), said once a folder, with how to remove them on purpose."""
    closed = tuple(p.source.removeprefix("./") for p in scan_problems if p.source.endswith("/"))
    gone_links = {p.source for p in scan_problems if BROKEN_LINK in p.reason}
    kept = {s for s in absent if s.startswith(closed) or s in gone_links}
    unmounted: dict[str, int] = {}
    for source, entry in absent.items():
        mount = entry.get("mount")
        if source not in kept and mount and (seeds_dir / mount).is_dir() and not os.path.ismount(seeds_dir / mount):
            unmounted[mount] = unmounted.get(mount, 0) + 1
            kept.add(source)
    said = [FileProblem(f"{folder}/", f"a drive was mounted on this folder when its {n} file{'s' if n != 1 else ''} "
                        "were indexed, and is not now; their passages are kept; mount it again, or delete the "
                        "folder to remove them, and run the index again") for folder, n in sorted(unmounted.items())]
    return kept, said


def mount_of(seeds_dir: Path, source: str) -> str | None:
    """The folder of the seeds folder (its path in it) holding `source` on a drive mounted there,
    or None: what lets a build tell the drive's files from files deleted once it is unmounted."""
    for parent in PurePosixPath(source).parents[:-1]:       # the innermost folder first
        if os.path.ismount(seeds_dir / parent):
            return parent.as_posix()
    return None


def seeds_changes(seeds_dir: Path, index_dir: Path) -> list[str]:
    """The record files of `seeds_dir` added, changed or removed since `index_dir` was built,
    as a sorted list of names: what a `studyqa index` would pick up. Cheap enough to check on
    every question: sizes and modification times, a file hashed only where those differ.
    Empty when there is no index or no folder to compare."""
    manifest = read_manifest(index_dir)
    seeds_dir = Path(seeds_dir)
    if manifest is None or not seeds_dir.is_dir():
        return []
    indexed = manifest.get("files", {})
    skipped = manifest.get("skipped") or {}
    records, scan_problems = scan_seeds(seeds_dir)
    present, changed = set(), []
    for path in records:
        source = path.relative_to(seeds_dir).as_posix()
        present.add(source)
        # a file kept from before but unreadable now: compared with what the build remembered
        entry = skipped.get(source) or indexed.get(source)
        if entry is None:
            changed.append(source)
            continue
        try:
            stat = path.stat()
            if (stat.st_size, stat.st_mtime_ns) == (entry.get("size"), entry.get("mtime_ns")):
                continue
            if file_hash(path) != entry.get("sha256"):
                changed.append(source)
        except OSError:
            continue
    absent = {s: entry for s, entry in indexed.items() if s not in present}
    kept, _ = absent_but_kept(seeds_dir, absent, scan_problems)
    changed += [s for s in absent if s not in kept]
    return sorted(changed)


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during a build; the message says what was kept (the CLI prints it)."""


FINISHED_BEFORE_INTERRUPT = "interrupted as the build ended; the new index had been saved, and is complete"


def interrupted_around_build(index_dir: Path, stamp_before: tuple | None) -> BuildInterrupted:
    """For a Ctrl-C that lands just outside update_index's own handler (as the build is started,
    or as its report is printed): what became of the index, read from its manifest's stamp."""
    if manifest_stamp(index_dir) != stamp_before:
        return BuildInterrupted(FINISHED_BEFORE_INTERRUPT)
    before = "the index is as it was before this build" if stamp_before else "no index was written yet"
    return BuildInterrupted(f"interrupted; {before}")


@dataclass
class _BuildState:
    """How far a build got, for the message if it is interrupted."""
    checkpointed: int = 0      # sentences whose vectors are kept in index/partial
    saved: bool = False        # the new index is in place


def update_index(seeds_dir: Path, index_dir: Path, encoder=None, model: str | None = None,
                 progress: ProgressFn | None | str = "stderr", reparse: bool = False) -> BuildReport:
    """Bring the index at `index_dir` up to date with the files in `seeds_dir`. `reparse` reads
    unchanged files again too (after a parser upgrade); still only new text is embedded."""
    seeds_dir, index_dir = Path(seeds_dir), Path(index_dir)
    if not seeds_dir.is_dir():
        built_from = recorded_seeds_dir(index_dir)
        if built_from is not None and built_from == Path(os.path.normpath(seeds_dir.absolute())):
            raise FileNotFoundError(f"the index at {index_dir} was built from the seeds folder "
                                    f"{seeds_dir}, which is not there now (moved, renamed, or a drive "
                                    f"not mounted?). Give the folder of your records with --seeds")
        if seeds_dir.exists():
            raise NotADirectoryError(f"{seeds_dir} is a file, not a folder: give the folder that holds "
                                     f"your record files with --seeds (it may be {seeds_dir.parent})")
        raise FileNotFoundError(f"seeds folder {seeds_dir} does not exist; create it and put session "
                                f"files ({_RECORD_TYPES}) in it")
    if index_dir.exists() and not index_dir.is_dir():
        raise NotADirectoryError(f"{index_dir} is a file, not a folder: give --index a folder for the "
                                 f"index (a new one is created)")
    if index_dir.is_dir() and not (index_dir / "manifest.json").exists():
        others = foreign_files(index_dir)
        if others:
            # a folder of the user's own given by mistake: an index is written into no such folder
            shown = "、".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            raise StudyQAError(f"{index_dir} holds files that are not a StudyQA index ({shown}); give "
                               f"--index an empty or new folder (it is created)")
    if progress == "stderr":
        progress = StderrProgress()
    had_index = (index_dir / "manifest.json").exists()
    state = _BuildState()
    try:
        with build_lock(index_dir):
            return _update_index(seeds_dir, index_dir, encoder, model, progress, reparse, state)
    except KeyboardInterrupt:
        if state.saved:        # Ctrl-C as the build ended: the new index is already in place
            raise BuildInterrupted(FINISHED_BEFORE_INTERRUPT) from None
        before = ("the index is as it was before this build" if had_index
                  else "no index was written yet")
        kept = (f"; the {state.checkpointed} sentences embedded so far are kept in "
                f"{index_dir / PARTIAL_DIR}, and the next build goes on from there"
                if state.checkpointed else "")
        raise BuildInterrupted(f"interrupted; {before}{kept}") from None


# An interrupted build keeps what it has embedded in calls of about this many characters (about
# 40 s of embedding on 2 cores), so Ctrl-C loses at most that much work.
CHECKPOINT_CHARS = 400_000
PARTIAL_DIR = "partial"


def _update_index(seeds_dir: Path, index_dir: Path, encoder, model: str | None,
                  progress: ProgressFn | None, reparse: bool, state: _BuildState) -> BuildReport:
    from embeddings import DEFAULT_MODEL, Encoder, load_encoder

    started = time.perf_counter()
    report = BuildReport()
    _check_writable(index_dir)
    previous = read_manifest(index_dir)
    if previous and isinstance(previous.get("generation"), int):
        # a build stopped between its switch and its clean-up (Ctrl-C, a kill) left the files of
        # the generation before: they go now, whether or not this build writes anything
        remove_stale_files(index_dir, keep=previous["generation"])
    for unfinished in (index_dir / PARTIAL_DIR).glob("*.tmp"):     # a part a killed build was writing
        unfinished.unlink(missing_ok=True)
    # 1. hash the seed files; when they differ from the manifest, the model will be needed, so
    #    it starts loading now, beside the index (each takes about a second at full scale)
    #    Size and time are taken before the hash, not after the build: a file saved while the
    #    build runs then differs from what the manifest records, and seeds_changes() says so.
    current: dict[str, tuple[Path, str]] = {}
    stat_before: dict[str, dict] = {}
    record_files, unsupported = scan_seeds(seeds_dir)
    for path in record_files:
        source = path.relative_to(seeds_dir).as_posix()
        try:
            stat_before[source] = _stat_of(path)
            current[source] = (path, file_hash(path))
        except OSError as exc:
            kept = " (its previously indexed passages are kept)" if source in (previous or {}).get("files", {}) else ""
            report.problems.append(FileProblem(source, f"cannot be read ({exc.strerror or exc}){kept}"))
    # a second name of a file indexed under its first is said, and its passages (indexed under it
    # by an earlier build) go: not a file kept from before
    report.warnings.extend(p for p in unsupported if SAME_FILE in p.reason)
    unsupported = [p for p in unsupported if SAME_FILE not in p.reason]
    # a copy of a record file put beside it (`记录 - 副本.txt`): indexed, and said, as each of its
    # sessions is then listed and counted twice (学过几次, the sessions list and CSV)
    first_of: dict[str, str] = {}
    for source, (_, digest) in sorted(current.items()):
        if not stat_before.get(source, {}).get("size"):
            continue        # empty files are said as such, not as copies of one another
        if digest in first_of:
            report.warnings.append(FileProblem(source, f"holds the same content as {first_of[digest]} (a copy): "
                                               "its sessions are indexed, listed and counted twice; delete "
                                               "one of the two files"))
        else:
            first_of[digest] = source
    report.problems.extend(unsupported)
    manifest = read_manifest(index_dir) or {}
    known = {s: f.get("sha256") for s, f in manifest.get("files", {}).items()}
    # a file that could not be read last time, unchanged since, is not read again
    # (a newer reader tries again: it may read what this one could not, such as a web page in a .docx)
    still_unreadable = {s: f for s, f in (manifest.get("skipped") or {}).items()
                        if s in current and current[s][1] == f.get("sha256") and not reparse
                        and f.get("parser") == PARSER_VERSION}
    if encoder is None and (reparse or any(known.get(s) != d for s, (_, d) in current.items()
                                           if s not in still_unreadable)):
        guess = Encoder.canonical_name(model or manifest.get("model") or DEFAULT_MODEL)
        threading.Thread(target=_prefetch_encoder, args=(guess,), daemon=True).start()

    try:
        old = (PassageIndex.load(index_dir, keep_rows=True) if (index_dir / "manifest.json").exists()
               else None)
    except IndexCorrupt:
        # A damaged index is replaced by a fresh build; the sources are still in seeds/.
        report.warnings.append(FileProblem(str(index_dir), "the index there was damaged or incomplete; "
                                           "it is rebuilt from the seeds folder"))
        old = None
    if not record_files and old is not None and len(old.files):
        # An empty folder is far likelier a wrong --seeds path or a drive not mounted than a wish
        # to forget every record: keep the index and say how to empty it on purpose.
        raise StudyQAError(f"the seeds folder {seeds_dir} holds no record files "
                           f"({_RECORD_TYPES}), but the index at {index_dir} holds "
                           f"{len(old.files)}; nothing was changed. Check the --seeds folder; to empty "
                           f"the index on purpose, delete the folder {index_dir}")
    built_from = recorded_seeds_dir(index_dir)
    if old is not None and built_from and built_from.is_dir() and built_from.resolve() != seeds_dir.resolve():
        # another folder than the index was built from, while that one is still there (not moved):
        # a subfolder or a neighbour given by mistake would drop the records it does not hold
        dropped = [s for s in old.files if s not in current and s not in still_unreadable]
        if len(dropped) > len(old.files) / 2:
            raise StudyQAError(f"the index at {index_dir} was built from {built_from}, and {seeds_dir} lacks "
                               f"{len(dropped)} of its {len(old.files)} files (by their paths in the folder "
                               f"given); nothing was changed. Give --seeds {built_from}, or --index a new "
                               f"folder to index {seeds_dir} alone")
    wanted_model = Encoder.canonical_name(model or (old.model if old else DEFAULT_MODEL))
    if old is not None and (old.model != wanted_model
                            or stale_model_build(old.model, old.model_build)):
        report.rebuilt_for_model = wanted_model
        if old.model == wanted_model:
            report.rebuilt_from_build = old.model_build or 1
        old = None
    index = old

    # 2. compare files with the manifest
    indexed_files = index.files if index else {}
    skipped_before = dict(index.skipped) if index else {}
    skipped_now: dict[str, dict] = {}
    for source, entry in still_unreadable.items():
        kept = " (its previously indexed passages are kept)" if source in indexed_files else ""
        report.problems.append(FileProblem(source, f"{entry.get('reason', 'cannot be read')}{kept}"))
        skipped_now[source] = entry
    unreadable = {p.source for p in report.problems}
    # a folder that cannot be opened (its permissions, a drive not mounted): its files are not gone
    # (`./`: the seeds folder itself, all of whose files stay)
    absent = {s: entry for s, entry in indexed_files.items() if s not in current and s not in unreadable}
    kept_absent, unmounted = absent_but_kept(seeds_dir, absent, unsupported)
    report.problems.extend(unmounted)
    report.removed = sorted(s for s in absent if s not in kept_absent)
    todo = []
    for source, (path, digest) in sorted(current.items()):
        known = indexed_files.get(source)
        if source in still_unreadable:
            continue
        if known is None:
            todo.append((source, path, digest, report.added))
        elif known["sha256"] != digest or reparse:
            todo.append((source, path, digest, report.changed))
        elif known.get("parser", 1) != PARSER_VERSION:     # read by an older reader: read it again
            todo.append((source, path, digest, report.reread))
        else:
            report.unchanged += 1
    removed_by_hash = {indexed_files[s]["sha256"]: s for s in report.removed}
    report.renamed = [(removed_by_hash[digest], source) for source, _, digest, bucket in todo
                      if bucket is report.added and digest in removed_by_hash]
    # an index built before later texts' openings were embedded gets them now (a few hundred lines)
    missing_topics = bool(index) and (any(p.topic and p.topic not in index.topics for p in index.passages.values())
                                      or any(o not in index.topics for o in index.text_openings().values()))
    if index is None or todo or missing_topics:  # the model is loaded only when there is work
        if encoder is None or encoder.name != wanted_model:
            encoder = load_encoder(wanted_model)
        index = index or PassageIndex(model=encoder.name, model_build=model_build(encoder.name),
                                      dim=encoder.dim)

    # 3. parse new and changed files
    parsed: list[tuple[str, str, list[Passage], list]] = []
    for number, (source, path, digest, bucket) in enumerate(todo, start=1):
        if progress and len(todo) > 1:
            progress("reading files", number, len(todo))
        try:
            # a scan read by OCR takes seconds a page: its pages are progress of their own
            pages = (lambda done, total, source=source: progress(f"reading {source} by OCR, pages", done, total)
                     ) if progress else None
            sessions = load_sessions(path, seeds_dir, pages)
        except (UnreadableFile, OSError) as exc:
            kept = " (its previously indexed passages are kept)" if source in index.files else ""
            report.problems.append(FileProblem(source, f"{exc}{kept}"))
            skipped_now[source] = {"sha256": digest, "reason": str(exc), **stat_before[source], "parser": PARSER_VERSION}
            continue
        if _stat_of(path) != stat_before[source]:
            # saved while the build read it (its hash was taken before): what was read may be
            # neither version, so none is kept; the next build reads it again
            kept = " (its previously indexed passages are kept)" if source in index.files else ""
            report.problems.append(FileProblem(source, "changed while it was being indexed; run the index "
                                               f"again once it is saved{kept}"))
            continue
        passages = [p for s in sessions for p in session_passages(s, encoder.max_passage_chars)]
        report.warnings.extend(dates_to_check(sessions))
        if not passages and index.files.get(source, {}).get("passages"):
            # cut down to its header (an editor's crash, a failed save), as an emptied file is:
            # what was indexed of it stays until the file holds text again, or is deleted
            reason = "holds no text to index now (cut short?)"
            report.problems.append(FileProblem(source, f"{reason} (its previously indexed passages are kept; "
                                                       "delete the file to remove them)"))
            skipped_now[source] = {"sha256": digest, "reason": reason, **stat_before[source], "parser": PARSER_VERSION}
            continue
        if not passages:
            # (remembered as skipped, as an unreadable file is: the next builds say it again)
            reason = "holds no text to index (only a header, or nothing under it)"
            report.problems.append(FileProblem(source, reason))
            skipped_now[source] = {"sha256": digest, "reason": reason, **stat_before[source], "parser": PARSER_VERSION}
            continue
        bucket.append(source)
        if bucket is report.changed and indexed_files[source]["sha256"] == digest:
            report.reparsed.append(source)      # as indexed: read again only for --reparse
        parsed.append((source, digest, passages, sessions))

    # 4. embed only text the index does not hold yet (nor an interrupted build embedded before)
    texts = {}
    model_id = vectors_id(wanted_model)
    for _, _, passages, _ in parsed:
        for p in passages:
            text = embedding_text(p)
            texts.setdefault(embedding_key(model_id, text), text)
    reusable = index.vectors_for_keys(set(texts))
    to_embed = [(key, text) for key, text in texts.items() if key not in reusable]
    embedded_keys = {key for key, _ in to_embed}
    if to_embed:
        if read_manifest(index_dir) is None:    # a first build: if stopped, the next one reads the same folder
            note_build_seeds(index_dir, seeds_dir)
        vectors, report.sentences_resumed = _embed(encoder, to_embed, progress,
                                                   index_dir / PARTIAL_DIR, state)
        reusable.update(vectors)
    report.passages_embedded = len(to_embed)

    # 5. swap the passages of changed/removed files, then write the index once
    for source in report.removed:
        index.remove_source(source)
    for source, digest, passages, sessions in parsed:
        index.remove_source(source)
        keys = [embedding_key(model_id, embedding_text(p)) for p in passages]
        index.add(passages, _stack([reusable[k][0] for k in keys], index.dim), keys,
                  [reusable[k][1] for k in keys])
        index.files[source] = {"sha256": digest, "passages": len(passages), "sessions": len(sessions),
                               "parser": PARSER_VERSION, **stat_before[source]}
        mount = mount_of(seeds_dir, source)
        if mount:
            index.files[source]["mount"] = mount
        report.passages_reused += sum(1 for k in keys if k not in embedded_keys)
    index.skipped = skipped_now
    seeds_record = os.path.relpath(seeds_dir.absolute(), index_dir.absolute())
    bookkeeping_changed = skipped_now != skipped_before or index.seeds != seeds_record
    index.seeds = seeds_record
    # 6. session topics, and the openings of sessions' later texts (rag/outline.py): each distinct
    # one is embedded once
    topics = ({p.topic for p in index.passages.values() if p.topic}
              | set(index.text_openings().values())) - set(index.topics)
    if topics:
        ordered = sorted(topics)
        vectors = encoder.encode_passages(ordered)
        index.topics.update(zip(ordered, vectors.astype(np.float16)))
    if encoder is not None and hasattr(encoder, "release_batch_sessions"):
        encoder.release_batch_sessions()    # a server keeps its model between builds
    large = len(index) >= index.ann_threshold
    if large and progress:
        progress("updating the IVF index", 0, 1)      # training it can take a minute
    ann_retrained = index.refresh_ann()
    if large and progress:
        progress("updating the IVF index", 1, 1)
    # an index from before the keyword leg's counts were stored gets them now (no model needed)
    if report.changed_anything or topics or ann_retrained or index.lexical is None \
            or bookkeeping_changed or not (index_dir / "manifest.json").exists():
        index.save(index_dir, on_switch=lambda: setattr(state, "saved", True))
    state.saved = True
    shutil.rmtree(index_dir / PARTIAL_DIR, ignore_errors=True)   # all of it is in the index now
    if not record_files:
        report.warnings.append(FileProblem(str(seeds_dir), "holds no record files ("
                                           f"{_RECORD_TYPES}): the index is empty"))
    report.passages_total = len(index)
    report.sessions_total = index.manifest()["sessions"]
    report.seconds = time.perf_counter() - started
    return report


def _check_writable(index_dir: Path) -> None:
    """Before any work: a folder that cannot be written (read-only, another user's) is said now,
    not after minutes of embedding."""
    probe = index_dir / ".write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StudyQAError(f"cannot write to the index folder {index_dir} ({exc.strerror or exc}); nothing "
                           f"was changed. Give it write permission, or give --index another folder") from None


def _stat_of(path: Path) -> dict:
    """Size and modification time, kept beside a file's hash so that seeds_changes() can tell
    an unchanged file without reading it."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _prefetch_encoder(name: str) -> None:
    """Load the model into the shared cache (load_encoder); a failure is reported by the build's
    own load_encoder call, with the full message, so it is ignored here."""
    from embeddings import load_encoder
    try:
        load_encoder(name)
    except Exception:  # noqa: BLE001
        pass


def sentence_texts(text: str) -> list[str]:
    """The sentences of an embedded text, each embedded on its own (see zh.sentence_spans)."""
    return [text[a:b].strip() for a, b in zh.sentence_spans(text)]


def _embed(encoder, items: list[tuple[str, str]], progress: ProgressFn | None,
           partial_dir: Path | None = None, state: _BuildState | None = None) -> tuple[dict, int]:
    """Embed the sentences of each passage: (key -> (passage vector, sentence vectors), how many
    sentences an interrupted build had embedded already).

    The passage vector is the normalized mean of its sentence vectors. e5 pools by mean too, and
    on the dev questions this scores the same as embedding the whole paragraph
    (docs/measurements.md), while each character is embedded once instead of twice. A sentence that several passages share is
    embedded once, and gets the vector it gets alone (the int8 model batches only sentences of
    one token length, each quantized on its own): its vector is then the same whatever build
    embeds it, full, incremental or resumed. The sentences go to the model
    longest first, in calls of CHECKPOINT_CHARS characters; after each call its vectors are
    written to `partial_dir`, so that Ctrl-C or a crash loses at most one call's work, and the
    next build reads them back."""
    sentences = [sentence_texts(text) or [text] for _, text in items]
    model_id = vectors_id(encoder.name)
    key_of = {s: embedding_key(model_id, "\x00sentence\x00" + s)
              for sents in sentences for s in sents}
    vectors = _load_partial(partial_dir, set(key_of.values())) if partial_dir else {}
    resumed = len(vectors)
    # Longest first: each call's slowest texts start first, so no core waits long at its end.
    todo = sorted((s for s, key in key_of.items() if key not in vectors), key=len, reverse=True)
    total_chars, done_before = sum(map(len, todo)), 0

    def stage(done, _total):
        progress(f"embedding {len(todo)} sentences, characters done", done_before + done, total_chars)

    for chunk in _chunks(todo, CHECKPOINT_CHARS):
        embedded = encoder.encode_passages(chunk, progress=stage if progress else None)
        done_before += sum(map(len, chunk))
        part = {key_of[s]: v for s, v in zip(chunk, embedded)}
        if partial_dir is not None:
            _save_partial(partial_dir, part)
            if state is not None:
                state.checkpointed += len(part)
        vectors.update(part)
    out = {}
    for (key, _), sents in zip(items, sentences):
        sentence_vectors = np.stack([vectors[key_of[s]] for s in sents]).astype(np.float32)
        mean = sentence_vectors.mean(axis=0)
        out[key] = (mean / max(float(np.linalg.norm(mean)), 1e-12), sentence_vectors.astype(np.float16))
    return out, resumed


def _chunks(texts: list[str], max_chars: int):
    """Consecutive runs of `texts` of about `max_chars` characters each."""
    chunk, chars = [], 0
    for text in texts:
        chunk.append(text)
        chars += len(text)
        if chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _save_partial(partial_dir: Path, part: dict) -> None:
    """One call's sentence vectors (float32, as embedded) as an .npz file, whole or not at all."""
    partial_dir.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns()}-{os.getpid()}"
    tmp = partial_dir / f"{name}.tmp"
    try:
        with open(tmp, "wb") as out:
            np.savez(out, keys=np.array(list(part)), vectors=np.stack(list(part.values())).astype(np.float32))
            out.flush()
            os.fsync(out.fileno())      # on disk before its name says it is whole (a power cut)
        os.replace(tmp, partial_dir / f"{name}.npz")
    except OSError as exc:
        tmp.unlink(missing_ok=True)     # a part written on a full disk: never read, and filling it
        raise OSError(f"cannot write {partial_dir} ({write_failure(exc, partial_dir)}); the index is as it "
                      "was before this build") from exc


def _load_partial(partial_dir: Path, wanted: set[str]) -> dict:
    """The sentence vectors in `wanted` that an interrupted build embedded (see _save_partial)."""
    out: dict = {}
    if not wanted or not partial_dir.is_dir():
        return out
    for path in sorted(partial_dir.glob("*.npz")):
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            continue      # not a file this version wrote whole: its sentences are embedded again
        for key, vector in zip(keys.tolist(), vectors):
            if key in wanted:
                out[key] = vector
    return out


def _stack(vectors: list, dim: int):
    return np.stack(vectors).astype(np.float32) if vectors else np.zeros((0, dim), dtype=np.float32)
