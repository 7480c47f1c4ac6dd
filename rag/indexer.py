"""Seeds folder -> index folder, incrementally.

Files are compared by content hash with the manifest: unchanged files are not even parsed; new
and changed files are parsed, and only passages whose embedded text is not already in the index
are embedded. Deleted files lose their passages. A file that cannot be read is reported and, if it
was indexed before, its old passages are kept: nothing already indexed is lost."""
from __future__ import annotations

import fcntl
import hashlib
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from . import zh
from .passages import session_passages
from .records import SUPPORTED_SUFFIXES, UnreadableFile, load_sessions, scan_seeds, undated_sessions
from .store import IndexCorrupt, PassageIndex, StudyQAError, read_manifest
from .types import FileProblem, Passage

ProgressFn = Callable[[str, int, int], None]  # (stage, done, total)


_RECORD_TYPES = ", ".join(SUPPORTED_SUFFIXES)      # for messages: `.txt, .md, .docx`


class BuildInProgress(StudyQAError):
    pass


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    passages_embedded: int = 0
    passages_reused: int = 0
    passages_total: int = 0
    sessions_total: int = 0
    problems: list[FileProblem] = field(default_factory=list)   # files (or parts) not indexed
    warnings: list[FileProblem] = field(default_factory=list)   # indexed, but worth a look
    rebuilt_for_model: str | None = None
    seconds: float = 0.0

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt_for_model)

    def summary(self) -> str:
        lines = [f"files: {len(self.added)} added, {len(self.changed)} changed, "
                 f"{len(self.removed)} removed, {self.unchanged} unchanged",
                 f"passages: {self.passages_embedded} embedded, {self.passages_reused} reused; "
                 f"index now holds {self.passages_total} passages from {self.sessions_total} sessions "
                 f"({self.seconds:.1f} s)"]
        if self.rebuilt_for_model:
            lines.insert(0, f"model changed: rebuilt everything with {self.rebuilt_for_model}")
        for problem in self.problems:
            lines.append(f"skipped {problem}")
        for warning in self.warnings:
            lines.append(f"warning: {warning}")
        return "\n".join(lines)


def embedding_text(passage: Passage) -> str:
    """What the model reads for a passage."""
    return passage.text


def embedding_key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode("utf-8")).hexdigest()


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
        speed = f"{rate:.0f}/s, {_minutes(left)} left" if rate else "starting"
        line = f"{stage}: [{bar:<30}] {done}/{total}  {_minutes(elapsed)} elapsed, {speed}"
        sys.stderr.write(line + ("\r" if tty and done < total else "\n"))
        sys.stderr.flush()


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


@contextmanager
def build_lock(index_dir: Path):
    """One build per index folder at a time (a second `studyqa index`, a double click on Rebuild)."""
    index_dir.mkdir(parents=True, exist_ok=True)
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


def update_index(seeds_dir: Path, index_dir: Path, encoder=None, model: str | None = None,
                 progress: ProgressFn | None | str = "stderr", reparse: bool = False) -> BuildReport:
    """Bring the index at `index_dir` up to date with the files in `seeds_dir`. `reparse` reads
    unchanged files again too (after a parser upgrade); still only new text is embedded."""
    seeds_dir, index_dir = Path(seeds_dir), Path(index_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds_dir} does not exist; create it and put session "
                                f"files ({_RECORD_TYPES}) in it")
    if progress == "stderr":
        progress = StderrProgress()
    with build_lock(index_dir):
        return _update_index(seeds_dir, index_dir, encoder, model, progress, reparse)


def _update_index(seeds_dir: Path, index_dir: Path, encoder, model: str | None,
                  progress: ProgressFn | None, reparse: bool) -> BuildReport:
    from embeddings import DEFAULT_MODEL, Encoder, load_encoder

    started = time.perf_counter()
    report = BuildReport()
    # 1. hash the seed files; when they differ from the manifest, the model will be needed, so
    #    it starts loading now, beside the index (each takes about a second at full scale)
    current: dict[str, tuple[Path, str]] = {}
    record_files, unsupported = scan_seeds(seeds_dir)
    for path in record_files:
        source = path.relative_to(seeds_dir).as_posix()
        try:
            current[source] = (path, file_hash(path))
        except OSError as exc:
            report.problems.append(FileProblem(source, f"cannot be read ({exc.strerror or exc})"))
    report.problems.extend(unsupported)
    manifest = read_manifest(index_dir) or {}
    known = {s: f.get("sha256") for s, f in manifest.get("files", {}).items()}
    if encoder is None and (reparse or any(known.get(s) != d for s, (_, d) in current.items())):
        guess = Encoder.canonical_name(model or manifest.get("model") or DEFAULT_MODEL)
        threading.Thread(target=_prefetch_encoder, args=(guess,), daemon=True).start()

    try:
        old = PassageIndex.load(index_dir) if (index_dir / "manifest.json").exists() else None
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
    wanted_model = Encoder.canonical_name(model or (old.model if old else DEFAULT_MODEL))
    if old is not None and old.model != wanted_model:
        report.rebuilt_for_model = wanted_model
        old = None
    index = old

    # 2. compare files with the manifest
    unreadable = {p.source for p in report.problems}
    indexed_files = index.files if index else {}
    report.removed = sorted(s for s in indexed_files if s not in current and s not in unreadable)
    todo = []
    for source, (path, digest) in sorted(current.items()):
        known = indexed_files.get(source)
        if known is None:
            todo.append((source, path, digest, report.added))
        elif known["sha256"] != digest or reparse:
            todo.append((source, path, digest, report.changed))
        else:
            report.unchanged += 1
    missing_topics = bool(index) and any(p.topic and p.topic not in index.topics
                                         for p in index.passages.values())
    if index is None or todo or missing_topics:  # the model is loaded only when there is work
        if encoder is None or encoder.name != wanted_model:
            encoder = load_encoder(wanted_model)
        index = index or PassageIndex(model=encoder.name, dim=encoder.dim)

    # 3. parse new and changed files
    parsed: list[tuple[str, str, list[Passage], list]] = []
    for number, (source, path, digest, bucket) in enumerate(todo, start=1):
        if progress and len(todo) > 1:
            progress("reading files", number, len(todo))
        try:
            sessions = load_sessions(path, seeds_dir)
        except (UnreadableFile, OSError) as exc:
            kept = " (its previously indexed passages are kept)" if source in index.files else ""
            report.problems.append(FileProblem(source, f"{exc}{kept}"))
            continue
        passages = [p for s in sessions for p in session_passages(s, encoder.max_passage_chars)]
        report.warnings.extend(undated_sessions(sessions))
        if not passages:
            report.problems.append(FileProblem(source, "holds no text to index (empty file?)"))
        bucket.append(source)
        parsed.append((source, digest, passages, sessions))

    # 4. embed only text the index does not hold yet
    texts = {}
    for _, _, passages, _ in parsed:
        for p in passages:
            text = embedding_text(p)
            texts.setdefault(embedding_key(encoder.name, text), text)
    reusable = index.vectors_for_keys(set(texts))
    to_embed = [(key, text) for key, text in texts.items() if key not in reusable]
    embedded_keys = {key for key, _ in to_embed}
    if to_embed:
        reusable.update(_embed(encoder, to_embed, progress))
    report.passages_embedded = len(to_embed)

    # 5. swap the passages of changed/removed files, then write the index once
    for source in report.removed:
        index.remove_source(source)
    for source, digest, passages, sessions in parsed:
        index.remove_source(source)
        keys = [embedding_key(encoder.name, embedding_text(p)) for p in passages]
        index.add(passages, _stack([reusable[k][0] for k in keys], index.dim), keys,
                  [reusable[k][1] for k in keys])
        index.files[source] = {"sha256": digest, "passages": len(passages), "sessions": len(sessions)}
        report.passages_reused += sum(1 for k in keys if k not in embedded_keys)
    # 6. session topics: each distinct topic is embedded once
    topics = {p.topic for p in index.passages.values() if p.topic} - set(index.topics)
    if topics:
        ordered = sorted(topics)
        vectors = encoder.encode_passages(ordered)
        index.topics.update(zip(ordered, vectors.astype(np.float16)))
    large = len(index) >= index.ann_threshold
    if large and progress:
        progress("updating the IVF index", 0, 1)      # training it can take a minute
    ann_retrained = index.refresh_ann()
    if large and progress:
        progress("updating the IVF index", 1, 1)
    # an index from before the keyword leg's counts were stored gets them now (no model needed)
    if report.changed_anything or topics or ann_retrained or index.lexical is None \
            or not (index_dir / "manifest.json").exists():
        index.save(index_dir)
    if not record_files:
        report.warnings.append(FileProblem(str(seeds_dir), "holds no record files ("
                                           f"{_RECORD_TYPES}): the index is empty"))
    report.passages_total = len(index)
    report.sessions_total = index.manifest()["sessions"]
    report.seconds = time.perf_counter() - started
    return report


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


def _embed(encoder, items: list[tuple[str, str]], progress: ProgressFn | None) -> dict:
    """Embed the sentences of each passage: key -> (passage vector, sentence vectors).

    The passage vector is the normalized mean of its sentence vectors. e5 pools by mean too, and
    on the dev questions this scores the same as embedding the whole paragraph (README), while
    each character is embedded once instead of twice."""
    sentences = [sentence_texts(text) or [text] for _, text in items]
    flat = [s for sents in sentences for s in sents]
    stage = progress and (lambda done, total: progress(f"embedding {len(flat)} sentences (characters)",
                                                       done, total))
    vectors = encoder.encode_passages(flat, progress=stage or None)
    out, cursor = {}, 0
    for (key, _), sents in zip(items, sentences):
        sentence_vectors = vectors[cursor:cursor + len(sents)]
        cursor += len(sents)
        mean = sentence_vectors.mean(axis=0)
        out[key] = (mean / max(float(np.linalg.norm(mean)), 1e-12), sentence_vectors.astype(np.float16))
    return out


def _stack(vectors: list, dim: int):
    return np.stack(vectors).astype(np.float32) if vectors else np.zeros((0, dim), dtype=np.float32)
