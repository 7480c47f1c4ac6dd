"""The index folder: FAISS vectors + passage metadata + a manifest, all plain files.

    manifest.json      format version, model (and its build), dimension, build time,
                       generation, the seeds folder it was built from, one content hash (and
                       size, time) per source file, and the files that could not be read, with why
    passages-N.jsonl   one JSON object per passage (id, embedding key, text, session metadata,
                       number of sentence vectors)
    vectors-N.faiss    IndexIDMap2 over IndexFlatIP: exact inner product on normalized vectors
    sentences-N.npy    float16 vectors of each passage's sentences, in passage-id order (they
                       score the best sentence of a passage and pick the highlight)
    topics-N.json/.npy the sessions' topics and their float16 vectors (a question about a
                       session's subject reaches its passages)
    ann-N.faiss        above ANN_THRESHOLD passages only: an IVF index (inverted lists over k-means
                       cells, 8-bit codes) that finds dense candidates without scanning every
                       vector; the exact vectors above still score them
    lexical_*-N.npy    term counts of each passage for the keyword leg (rag/lexical.py), in
                       passage-id order; optional (recomputed from passages-N.jsonl if absent)
    partial/           only while a build runs, or after one was interrupted: the sentence vectors
                       it has embedded so far (.npz, keys + float32 vectors), for the next build

N is the generation. A save writes the new generation's files next to the old ones, then replaces
manifest.json with one atomic rename: until that instant readers (and a crash) see the previous
index whole, afterwards the new one. Files of other generations are removed after the switch."""
from __future__ import annotations

import errno
import json
import os
import re
import shlex
import shutil
import time
from dataclasses import dataclass, field, fields
from typing import ClassVar
from pathlib import Path

import faiss
import numpy as np
import orjson   # the passages file: 100 k rows written and read several times faster than json

from .lexical import COUNT_FILES, LEXICAL_FORMAT, DamagedCounts, TermCounts, lexical_text
from .types import Passage

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
# Dense candidates come from an exact scan below this many passages and from an IVF index above
# it. Measured on 2 cores (docs/measurements.md, "Speed"): the exact scan costs 5.6 ms per query
# at 95 k vectors and grows linearly, about 12 ms here; IVF costs 1 ms at 100 k and 8 ms at 1 M.
ANN_THRESHOLD = 200_000


def ann_lists(n: int) -> int:
    """IVF cells for n vectors: the FAISS guideline's low end, 4 * sqrt(n)."""
    return max(1, int(4 * np.sqrt(n)))


def ann_nprobe(n_lists: int) -> int:
    """Cells scanned per query: a tenth of them (at least 16). On the real vectors of the full
    collection this finds 97-98 % of the exact top 10 and top 100 (bench/vector_scale.py)."""
    return min(n_lists, max(16, n_lists // 10))


def build_ann(vectors: np.ndarray, ids: np.ndarray, seed: int = 0) -> faiss.Index:
    """An IVF index with 8-bit scalar-quantized codes over `vectors` (normalized, inner product)."""
    n, dim = vectors.shape
    n_lists = ann_lists(n)
    quantizer = faiss.IndexFlatIP(dim)
    ann = faiss.IndexIVFScalarQuantizer(quantizer, dim, n_lists, faiss.ScalarQuantizer.QT_8bit,
                                        faiss.METRIC_INNER_PRODUCT)
    ann.cp.niter = 10          # k-means iterations: cells need not be perfect, only balanced
    ann.cp.min_points_per_centroid = 16    # we train on 32 per cell (FAISS warns below 39)
    ann.cp.seed = seed
    sample = np.random.default_rng(seed).choice(n, min(n, 32 * n_lists), replace=False)
    ann.train(np.ascontiguousarray(vectors[np.sort(sample)]))
    ann.add_with_ids(np.ascontiguousarray(vectors), np.ascontiguousarray(ids, dtype=np.int64))
    ann.nprobe = ann_nprobe(n_lists)
    return ann
_PASSAGE_FIELDS = {f.name for f in fields(Passage)}


class StudyQAError(Exception):
    """An error to show to the user as is: it says what went wrong and what to do."""


class IndexNotFound(StudyQAError):
    pass


class IndexCorrupt(StudyQAError):
    pass


class IndexTooNew(StudyQAError):
    """An index written by a newer StudyQA: read by none of this one's code, nor rebuilt over."""


class ModelMismatch(StudyQAError):
    pass


def stale_model_build(model: str, build: int | None) -> str | None:
    """Why an index's vectors, of `model` at `build`, are not those this StudyQA makes, or None.
    The index still answers: two builds' vectors differ by a cosine of about 0.997."""
    from embeddings import model_build
    current = model_build(model)
    if current is None or (build or 1) == current:
        return None
    return (f"was embedded with build {build or 1} of {model}, and this StudyQA makes build "
            f"{current}; it answers, but its results can differ slightly until it is embedded again")


def rebuild_command(index_dir: Path, model: str | None = None, seeds: Path | None = None) -> str:
    cmd = "studyqa index" + (f" --seeds {shlex.quote(str(seeds))}" if seeds else "")
    cmd += f" --index {shlex.quote(str(index_dir))}"
    return cmd + (f" --model {shlex.quote(model)}" if model else "")


@dataclass
class PassageIndex:
    model: str
    dim: int
    # the model's build when its vectors were made (embeddings.model_build); None for a model
    # StudyQA does not build, or an int8 index from before builds were recorded (build 1)
    model_build: int | None = None
    vectors: faiss.IndexIDMap2 = None
    passages: dict[int, Passage] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)      # id -> embedding key (hash of embedded text)
    sentences: dict[int, np.ndarray] = field(default_factory=dict)  # id -> (n, dim) float16
    topics: dict[str, np.ndarray] = field(default_factory=dict)     # topic text -> float16 vector
    # all sentence vectors as loaded from disk, in id order (`sentences` holds views into it)
    sentence_block: np.ndarray | None = field(default=None, repr=False)
    # source -> {"sha256", "passages", "sessions", "size", "mtime_ns"}
    files: dict[str, dict] = field(default_factory=dict)
    # files that could not be read, by content hash: not read again (nor the model loaded) until
    # they change. source -> {"sha256", "reason", "size", "mtime_ns"}
    skipped: dict[str, dict] = field(default_factory=dict)
    # the seeds folder the index was built from, relative to the index folder (moves with both)
    seeds: str = ""
    # keyword-leg term counts, one row per passage id in `lexical_ids` (ascending)
    lexical: TermCounts | None = field(default=None, repr=False)
    lexical_ids: np.ndarray | None = field(default=None, repr=False)
    # IVF candidate finder, only for large indexes; `ann_trained_on`: passages when it was trained
    ann: faiss.Index | None = field(default=None, repr=False)
    ann_trained_on: int = 0
    ann_threshold: ClassVar[int] = ANN_THRESHOLD
    # the passages file's line for each id, as read, when loaded for a build (`keep_rows`): a
    # save writes an unchanged passage's line as it is instead of serializing it again
    rows_as_read: dict[int, bytes] | None = field(default=None, repr=False)
    next_id: int = 0
    built_at: str = ""
    generation: int = 0
    _positions: dict | None = field(default=None, repr=False)
    _openings: dict | None = field(default=None, repr=False)
    _lists: object = field(default=None, repr=False)       # lists.NumberedLists, once built

    def __post_init__(self):
        if self.vectors is None:
            self.vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))

    def __len__(self) -> int:
        return len(self.passages)

    # ---- changes ----------------------------------------------------------------------------
    def add(self, passages: list[Passage], vectors: np.ndarray, keys: list[str],
            sentence_vectors: list[np.ndarray]) -> list[int]:
        if not len(passages) == len(vectors) == len(keys) == len(sentence_vectors):
            raise ValueError("passages, vectors, keys and sentence vectors must have the same length")
        self._positions = self._openings = self._lists = None
        self.sentence_block = None   # no longer matches: rebuilt from `sentences` when needed
        ids = list(range(self.next_id, self.next_id + len(passages)))
        self.next_id += len(passages)
        if ids:
            self.vectors.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                      np.asarray(ids, dtype=np.int64))
            if self.ann is not None:
                self.ann.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                      np.asarray(ids, dtype=np.int64))
        for pid, passage, key, sents in zip(ids, passages, keys, sentence_vectors):
            self.passages[pid] = passage
            self.keys[pid] = key
            self.sentences[pid] = np.asarray(sents, dtype=np.float16)
        return ids

    def remove_source(self, source: str) -> int:
        """Remove every passage of one source file; returns how many were removed."""
        self._positions = self._openings = self._lists = None
        ids = [pid for pid, p in self.passages.items() if p.source == source]
        if ids:
            self.vectors.remove_ids(np.asarray(ids, dtype=np.int64))
            if self.ann is not None:
                self.ann.remove_ids(np.asarray(ids, dtype=np.int64))
        for pid in ids:
            del self.passages[pid]
            del self.keys[pid]
            del self.sentences[pid]
            if self.rows_as_read is not None:
                self.rows_as_read.pop(pid, None)
        self.sentence_block = None
        self.files.pop(source, None)
        return len(ids)

    def vectors_for_keys(self, wanted: set[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Stored (passage vector, sentence vectors) for embedded texts in `wanted`, so unchanged
        text is never embedded again."""
        found: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for pid, key in self.keys.items():
            if key in wanted and key not in found:
                found[key] = (self.vectors.reconstruct(pid), self.sentences[pid])
        return found

    # ---- queries ----------------------------------------------------------------------------
    def position_lookup(self) -> dict[tuple[str, int, int], int]:
        """(source, record, paragraph) -> passage id, built once per loaded index."""
        if self._positions is None:
            self._positions = {(p.source, p.record, p.paragraph): pid for pid, p in self.passages.items()}
        return self._positions

    def text_openings(self) -> dict[int, str]:
        """outline.later_text_openings (passage id -> its later text's opening), built once per
        loaded index and again after a change, as position_lookup."""
        if self._openings is None:
            from .outline import later_text_openings    # outline.py reads this module's PassageIndex
            self._openings = later_text_openings(self)
        return self._openings

    def numbered_lists(self):
        """lists.numbered_lists (the items of the texts' numbered lists), built once per loaded
        index and again after a change, as position_lookup."""
        if self._lists is None:
            from .lists import numbered_lists      # lists.py reads this module's PassageIndex (as outline.py does)
            self._lists = numbered_lists(self)
        return self._lists

    def search(self, query_vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """Per query, a list of (passage id, cosine score), best first."""
        k = min(k, len(self))
        if k <= 0:
            return [[] for _ in range(len(query_vectors))]
        scores, ids = self.vectors.search(np.ascontiguousarray(query_vectors, dtype=np.float32), k)
        return [[(int(i), float(s)) for i, s in zip(row_ids, row_scores) if i >= 0]
                for row_ids, row_scores in zip(ids, scores)]

    # ---- files ------------------------------------------------------------------------------
    def refresh_ann(self) -> bool:
        """Keep the IVF index in step with the size: none below the threshold; trained when the
        index crosses it, and again when it has since doubled or halved (cells sized for the old
        size would grow too full or too empty). Between those, builds add and remove vectors in
        it like in the exact store. True when it changed beyond that (trained, or dropped)."""
        n = len(self)
        if n < self.ann_threshold:
            dropped = self.ann is not None
            self.ann, self.ann_trained_on = None, 0
            return dropped
        if self.ann is not None and self.ann_trained_on / 2 <= n <= 2 * self.ann_trained_on:
            return False
        ids, vectors = self.stored_vectors()
        self.ann, self.ann_trained_on = build_ann(vectors, ids), n
        return True

    def stored_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(passage ids, vectors) in FAISS's row order. The vectors are a view of FAISS's own
        storage, not a copy (memory while serving): valid until the next add or removal."""
        n, flat = self.vectors.ntotal, faiss.downcast_index(self.vectors.index)
        ids = faiss.vector_to_array(self.vectors.id_map).astype(np.int64)[:n]
        vectors = (faiss.rev_swig_ptr(flat.get_xb(), n * self.dim).reshape(n, self.dim) if n
                   else np.zeros((0, self.dim), dtype=np.float32))
        return ids, vectors

    def session_count(self) -> int:
        """How many sessions (records of files) the index holds."""
        return len({(p.source, p.record) for p in self.passages.values()})

    def manifest(self) -> dict:
        ann = None
        if self.ann is not None:
            ivf = faiss.extract_index_ivf(self.ann)
            ann = {"kind": f"IVF{ivf.nlist},SQ8", "trained_on": self.ann_trained_on, "nprobe": ivf.nprobe}
        return {
            "format_version": FORMAT_VERSION, "lexical_format": LEXICAL_FORMAT,
            "model": self.model, "model_build": self.model_build, "dim": self.dim,
            "passages": len(self), "sessions": self.session_count(),
            "built_at": self.built_at, "generation": self.generation, "next_id": self.next_id,
            "ann": ann, "seeds": self.seeds, "files": self.files, "skipped": self.skipped,
        }

    def save(self, index_dir: Path, on_switch=None) -> None:
        """Write a new generation of the data files, then switch the manifest to it (atomic), then
        remove the other generations' files. `on_switch()` is called as soon as the new index is
        the one in place (a Ctrl-C after it interrupts no build)."""
        index_dir = Path(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        previous = read_manifest(index_dir)
        self.generation = max(self.generation, (previous or {}).get("generation", 0)) + 1
        self.built_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        try:
            self._write_generation(index_dir, on_switch)
        except OSError as exc:
            if read_manifest(index_dir) == previous:
                # not switched: what this build began is removed (it would fill a full disk more),
                # and the index is the one before it
                remove_stale_files(index_dir, keep=(previous or {}).get("generation", -1))
                (index_dir / f"{MANIFEST}.tmp").unlink(missing_ok=True)
                raise OSError(f"cannot write the index at {index_dir} ({write_failure(exc, index_dir)}); the "
                              "index is as it was before this build, and the files it began are removed") from exc
            raise

    def _write_generation(self, index_dir: Path, on_switch) -> None:
        vectors_path, passages_path, sentences_path = _data_files(index_dir, self.generation)
        _write_faiss(self.vectors, vectors_path)
        order = sorted(self.passages)
        as_read = self.rows_as_read or {}
        with open(passages_path, "wb") as out:
            out.writelines(as_read.get(pid) or orjson.dumps({"id": pid, "key": self.keys[pid],
                                                              "n_sentences": len(self.sentences[pid]),
                                                              **self.passages[pid].to_dict()}) + b"\n"
                           for pid in order)
        stacked = self.sentence_block   # still valid when no passage was added or removed
        if stacked is None:
            stacked = (np.concatenate([self.sentences[pid] for pid in order]) if order
                       else np.zeros((0, self.dim), dtype=np.float16))
        with open(sentences_path, "wb") as out:
            np.save(out, np.asarray(stacked, dtype=np.float16), allow_pickle=False)
        used = sorted(({p.topic for p in self.passages.values()} | set(self.text_openings().values()))
                      & set(self.topics))
        topics_path = index_dir / f"topics-{self.generation}.json"
        topics_path.write_text(json.dumps(used, ensure_ascii=False), encoding="utf-8")
        topic_vectors = (np.stack([self.topics[t] for t in used]) if used
                         else np.zeros((0, self.dim), dtype=np.float16))
        with open(topics_path.with_suffix(".npy"), "wb") as out:
            np.save(out, topic_vectors.astype(np.float16), allow_pickle=False)
        self.lexical, self.lexical_ids = self._lexical_counts(order), np.asarray(order, dtype=np.int64)
        extra_paths = self.lexical.save(index_dir, self.generation)
        self.refresh_ann()
        if self.ann is not None:
            _write_faiss(self.ann, _ann_file(index_dir, self.generation))
            extra_paths.append(_ann_file(index_dir, self.generation))
        tmp_manifest = index_dir / f"{MANIFEST}.tmp"
        tmp_manifest.write_text(json.dumps(self.manifest(), ensure_ascii=False, indent=2), encoding="utf-8")
        for path in (vectors_path, passages_path, sentences_path, topics_path,
                     topics_path.with_suffix(".npy"), *extra_paths, tmp_manifest):
            _fsync(path)
        os.replace(tmp_manifest, index_dir / MANIFEST)   # the switch: atomic
        if on_switch:
            on_switch()
        _fsync(index_dir)
        remove_stale_files(index_dir, keep=self.generation)

    def _lexical_counts(self, order: list[int]) -> TermCounts:
        """Term counts for the passages in `order`: the loaded ones edited (removed passages
        dropped, new ones counted and appended) when possible, else counted afresh."""
        old, old_ids = self.lexical, self.lexical_ids
        if old is not None and old_ids is not None and old.n_texts == len(old_ids):
            keep = np.isin(old_ids, order)
            kept = old_ids[keep]
            new = np.setdiff1d(np.asarray(order, dtype=np.int64), kept)
            if not len(new) and keep.all():
                return old
            # ids only grow, so new passages come after the kept ones, as rows must
            if not len(new) or not len(kept) or new[0] > kept[-1]:
                return old.edited(keep, [lexical_text(self.passages[int(p)]) for p in new])
        return TermCounts.of_texts([lexical_text(self.passages[p]) for p in order])

    @classmethod
    def load(cls, index_dir: Path, keep_rows: bool = False) -> "PassageIndex":
        """`keep_rows`: keep the passages file's lines (`rows_as_read`) for a build that will save
        the index again (about 70 MB at 95 k passages, so not for searching)."""
        index_dir = Path(index_dir)
        try:
            return cls._load(index_dir, keep_rows)
        except IndexCorrupt:
            # A save may have switched generations between our reading the manifest and the data
            # files (and removed the old ones): read again once before calling it damaged.
            return cls._load(index_dir, keep_rows)

    @classmethod
    def _load(cls, index_dir: Path, keep_rows: bool = False) -> "PassageIndex":
        manifest_path = index_dir / MANIFEST
        if not manifest_path.is_file():
            if index_dir.is_file():     # (building there fails too: say what to give instead)
                raise IndexNotFound(f"{index_dir} is a file, not an index folder: give --index the folder "
                                    f"an index was built in (or a new one to build it in)")
            interrupted_from = recorded_seeds_dir(index_dir)
            if interrupted_from is not None:
                raise IndexNotFound(f"no index at {index_dir} yet: its first build, from {interrupted_from}, was "
                                    f"stopped before it finished (what it embedded is kept). Finish it with: "
                                    f"{rebuild_command(index_dir, seeds=interrupted_from)}")
            raise IndexNotFound(f"no index at {index_dir}. Build it with: {rebuild_command(index_dir)}")
        reading = manifest_path        # named in the message when it is damaged
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            version = manifest.get("format_version")
            if isinstance(version, int) and version > FORMAT_VERSION:
                raise IndexTooNew(f"the index at {index_dir} was written by a newer StudyQA (index format "
                                  f"{version}; this one reads {FORMAT_VERSION}); it is left as it is. Update "
                                  f"StudyQA (git pull, then ./run.sh) to use it, or give another --index folder")
            if version != FORMAT_VERSION:
                raise IndexCorrupt(f"the index at {index_dir} has format version {version}, this "
                                   f"StudyQA reads version {FORMAT_VERSION}. Rebuild it with: "
                                   f"{rebuild_command(index_dir)}")
            generation = int(manifest["generation"])
            vectors_path, passages_path, sentences_path = _data_files(index_dir, generation)
            reading = vectors_path
            index = cls(model=manifest["model"], model_build=manifest.get("model_build"),
                        dim=int(manifest["dim"]),
                        vectors=faiss.read_index(str(vectors_path)),
                        files=manifest["files"], next_id=int(manifest["next_id"]),
                        built_at=manifest.get("built_at", ""), generation=generation,
                        skipped=manifest.get("skipped") or {}, seeds=manifest.get("seeds") or "")
            reading = sentences_path
            stacked = np.load(sentences_path, allow_pickle=False)
            index.sentence_block = stacked
            offset = 0
            as_read = index.rows_as_read = {} if keep_rows else None
            reading = passages_path
            with open(passages_path, "rb") as rows:
                for line in rows:
                    row = orjson.loads(line)
                    pid, count = row.pop("id"), row.pop("n_sentences")
                    index.keys[pid] = row.pop("key")
                    try:
                        index.passages[pid] = Passage(**row)
                    except TypeError:      # a field this version does not know: written by a newer one
                        index.passages[pid] = Passage(**{k: v for k, v in row.items() if k in _PASSAGE_FIELDS})
                        as_read = index.rows_as_read = None    # rewritten in this version's form
                    if as_read is not None:
                        as_read[pid] = line if line.endswith(b"\n") else line + b"\n"
                    index.sentences[pid] = stacked[offset:offset + count]
                    offset += count
            if offset != len(stacked):
                raise ValueError(f"{sentences_path.name} holds {len(stacked)} sentence vectors, "
                                 f"passages list {offset}")
            topics_path = index_dir / f"topics-{generation}.json"
            # both absent in indexes built before topics were embedded; one alone is damage
            if topics_path.is_file() or topics_path.with_suffix(".npy").is_file():
                reading = topics_path
                names = json.loads(topics_path.read_text(encoding="utf-8"))
                reading = topics_path.with_suffix(".npy")
                vectors = np.load(topics_path.with_suffix(".npy"), allow_pickle=False)
                index.topics = dict(zip(names, vectors))
            if manifest.get("ann"):
                reading = _ann_file(index_dir, generation)
                index.ann = faiss.read_index(str(_ann_file(index_dir, generation)))
                faiss.extract_index_ivf(index.ann).nprobe = int(manifest["ann"]["nprobe"])
                index.ann_trained_on = int(manifest["ann"]["trained_on"])
            # absent in older indexes; counted by rules that changed since in others: either
            # way the counts are made again from the passages (at load, and stored by the next
            # `studyqa index`)
            # and so are damaged counts: they are the passages' words, counted again (a few seconds
            # at 95 k passages) rather than the index called damaged and embedded anew
            try:
                lexical = (TermCounts.load(index_dir, generation)
                           if manifest.get("lexical_format", 1) == LEXICAL_FORMAT else None)
            except DamagedCounts:
                lexical = None
            if lexical is not None and lexical.n_texts == len(index.passages):
                index.lexical, index.lexical_ids = lexical, np.array(sorted(index.passages), dtype=np.int64)
        except (IndexCorrupt, IndexTooNew):
            raise
        except Exception as exc:  # noqa: BLE001 - any damage gets the same plain answer
            # (a damaged manifest no longer says which folder the index was built from)
            command = (rebuild_command(index_dir).replace("studyqa index", "studyqa index --seeds FOLDER")
                       if reading == manifest_path else rebuild_command(index_dir))
            raise IndexCorrupt(f"the index at {index_dir} is damaged or incomplete ({reading.name}: "
                               f"{type(exc).__name__}: {exc}). Rebuild it with: {command}") from exc
        if index.vectors.ntotal != len(index.passages) or index.vectors.d != index.dim:
            raise IndexCorrupt(f"the index at {index_dir} is inconsistent ({index.vectors.ntotal} vectors, "
                               f"{len(index.passages)} passages). Rebuild it with: {rebuild_command(index_dir)}")
        return index


def manifest_stamp(index_dir: Path) -> tuple | None:
    """Changes whenever a save switches generations (the manifest is replaced by a rename), so a
    reader can tell without parsing it; None when there is no index."""
    try:
        st = os.stat(Path(index_dir) / MANIFEST)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def read_manifest(index_dir: Path) -> dict | None:
    """The manifest alone (cheap), or None when there is no readable index."""
    try:
        return json.loads((Path(index_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# A first build's seeds folder, noted beside the vectors it keeps (`partial/`) until its index is
# written: a build killed before then is finished from the same folder, not from ./seeds.
PARTIAL_SEEDS = Path("partial") / "seeds.json"


def recorded_seeds_dir(index_dir: Path) -> Path | None:
    """The seeds folder the index at `index_dir` was built from (or, with no index yet, that an
    interrupted first build was reading), or None (no index, or an index from before it was
    recorded)."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        try:
            manifest = json.loads((Path(index_dir) / PARTIAL_SEEDS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
    relative = manifest.get("seeds") if isinstance(manifest, dict) else None
    return Path(os.path.normpath(Path(index_dir).absolute() / relative)) if isinstance(relative, str) and relative else None


def note_build_seeds(index_dir: Path, seeds_dir: Path) -> None:
    """Note the folder a build reads beside its kept vectors (PARTIAL_SEEDS); a note that cannot
    be written only costs the hint."""
    path = Path(index_dir) / PARTIAL_SEEDS
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"seeds": os.path.relpath(Path(seeds_dir).absolute(), Path(index_dir).absolute())},
                                   ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass


def _data_files(index_dir: Path, generation: int) -> tuple[Path, Path, Path]:
    return (index_dir / f"vectors-{generation}.faiss", index_dir / f"passages-{generation}.jsonl",
            index_dir / f"sentences-{generation}.npy")


def _ann_file(index_dir: Path, generation: int) -> Path:
    return index_dir / f"ann-{generation}.faiss"


# The files an index folder holds, by name: data files of a generation, the manifest (and its copy
# being written), the build lock and an interrupted build's vectors.
DATA_FILE = re.compile(r"^(?:vectors|passages|sentences|topics|ann|lexical_(?:" + "|".join(COUNT_FILES) + r"))"
                       r"-(\d+)\.(?:faiss|jsonl|npy|json)$")
OWN_NAMES = (MANIFEST, f"{MANIFEST}.tmp", ".build.lock", ".write-test", "partial")


def foreign_files(index_dir: Path) -> list[str]:
    """What a folder given as an index holds that StudyQA did not write (another use of the
    folder, chosen by mistake), by name."""
    return sorted(p.name for p in index_dir.iterdir() if p.name not in OWN_NAMES and not DATA_FILE.match(p.name))


def remove_stale_files(index_dir: Path, keep: int) -> None:
    """Data files of other generations: left by a finished switch, or by a build that was killed.
    Only StudyQA's own names (DATA_FILE): a file of the user's is never touched."""
    for path in index_dir.iterdir():
        named = DATA_FILE.match(path.name)
        if named and named.group(1) != str(keep):
            path.unlink(missing_ok=True)


def write_failure(exc: OSError, folder: Path) -> str:
    """Why a write failed, in plain words: a full disk said so (numpy says `360192 requested and
    4032 written`), else the system's reason."""
    try:
        full = shutil.disk_usage(folder).free < 16 * 1024 * 1024
    except OSError:
        full = False
    if full or getattr(exc, "errno", None) == errno.ENOSPC:
        return "the disk is full: free some space there, or give --index a folder on another disk"
    return exc.strerror or str(exc)


def _write_faiss(index, path: Path) -> None:
    """faiss.write_index, whose failures (a folder not writable, a full disk) are RuntimeErrors:
    as the OSError they are, so that the command line says them in one line."""
    try:
        faiss.write_index(index, str(path))
    except RuntimeError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise OSError(f"cannot write {path} ({reason})") from exc


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
