"""Question -> Hits. Loads the index (building it from seeds/ on first use) and the model once."""
from __future__ import annotations

import os
import threading
from pathlib import Path

from .store import ModelMismatch, PassageIndex, read_manifest, rebuild_command
from .types import Hit


def project_root() -> Path:
    """The folder holding seeds/: the current folder if it has one, else the repository checkout."""
    cwd = Path.cwd()
    return cwd if (cwd / "seeds").is_dir() else Path(__file__).resolve().parents[1]


def default_seeds_dir() -> Path:
    return Path(os.environ.get("STUDYQA_SEEDS") or project_root() / "seeds")


def default_index_dir() -> Path:
    return Path(os.environ.get("STUDYQA_INDEX") or project_root() / "index")


class Searcher:
    """A loaded index plus the model that built it. Reloads when the index on disk changes."""

    def __init__(self, index_dir: Path, seeds_dir: Path | None = None, model: str | None = None,
                 encoder=None):
        self.index_dir = Path(index_dir)
        self.seeds_dir = Path(seeds_dir) if seeds_dir else None
        self.requested_model = model
        self._encoder = encoder
        self._index: PassageIndex | None = None
        self._loaded_stamp: int | None = None
        self._lock = threading.Lock()

    @property
    def encoder(self):
        if self._encoder is None:
            from embeddings import load_encoder
            self._encoder = load_encoder(self.index.model)
        return self._encoder

    @property
    def index(self) -> PassageIndex:
        with self._lock:
            manifest = read_manifest(self.index_dir)
            if manifest is None and self.seeds_dir is not None:
                self._build_first()
                manifest = read_manifest(self.index_dir)
            stamp = manifest and manifest.get("generation")
            if self._index is None or stamp != self._loaded_stamp:
                self._index = PassageIndex.load(self.index_dir)
                self._loaded_stamp = stamp
                self._check_model(self._index)
            return self._index

    def _build_first(self) -> None:
        from .indexer import update_index
        update_index(self.seeds_dir, self.index_dir, encoder=self._encoder, model=self.requested_model)

    def _check_model(self, index: PassageIndex) -> None:
        from embeddings import Encoder
        for wanted in (self.requested_model, self._encoder and self._encoder.name):
            if wanted and Encoder.canonical_name(wanted) != index.model:
                raise ModelMismatch(
                    f"the index at {self.index_dir} was built with model '{index.model}', but "
                    f"'{Encoder.canonical_name(wanted)}' was asked for. Search without --model, or "
                    f"rebuild the index with: {rebuild_command(self.index_dir, wanted)}")

    def search(self, question: str, k: int = 5, date_from: str | None = None,
               date_to: str | None = None, place: str | None = None,
               source: str | None = None) -> list[Hit]:
        """Best `k` passages; optional filters: ISO date range (inclusive), place and source file
        (substring matches). Passages without a date are left out when a date range is given."""
        question = (question or "").strip()
        if not question or k <= 0:
            return []
        index = self.index
        allowed = _filter_ids(index, date_from, date_to, place, source)
        if allowed is not None and not allowed:
            return []
        query = self.encoder.encode_queries([question])
        # Exact search scans every vector anyway; with a filter, rank them all and keep the allowed.
        depth = k if allowed is None else len(index)
        hits = []
        for pid, score in index.search(query, depth)[0]:
            if allowed is not None and pid not in allowed:
                continue
            hits.append(_hit(index, pid, score))
            if len(hits) == k:
                break
        return hits

    def neighbours(self, hit: Hit) -> tuple[Hit | None, Hit | None]:
        """The paragraphs just before and after a hit in its session (None at either end)."""
        index = self.index
        by_position = index.position_lookup()
        found = []
        for paragraph in (hit.paragraph - 1, hit.paragraph + 1):
            pid = by_position.get((hit.source, hit.record, paragraph))
            found.append(_hit(index, pid, 0.0) if pid is not None else None)
        return found[0], found[1]


def _hit(index: PassageIndex, pid: int, score: float) -> Hit:
    p = index.passages[pid]
    return Hit(text=p.text, score=score, date=p.date, topic=p.topic, place=p.place, source=p.source,
               paragraph=p.paragraph, heading=p.heading, line=p.line, record=p.record,
               format=p.format, id=pid)


def _filter_ids(index: PassageIndex, date_from, date_to, place, source) -> set[int] | None:
    """Ids passing the filters, or None when no filter is set."""
    date_from, date_to = _iso_or_none(date_from, "date_from"), _iso_or_none(date_to, "date_to")
    place, source = (place or "").strip(), (source or "").strip()
    if not (date_from or date_to or place or source):
        return None
    allowed = set()
    for pid, p in index.passages.items():
        if (date_from or date_to) and not p.date:
            continue
        if date_from and p.date < date_from or date_to and p.date > date_to:
            continue
        if place and place not in p.place or source and source not in p.source:
            continue
        allowed.add(pid)
    return allowed


def _iso_or_none(value, name: str) -> str | None:
    from .zh import parse_date
    if value is None or not str(value).strip():
        return None
    iso = parse_date(str(value))
    if iso is None:
        raise ValueError(f"{name}: '{value}' is not a date; write it like 2020-03-04 or 2020年3月4日")
    return iso


_searchers: dict[tuple, Searcher] = {}
_searchers_lock = threading.Lock()


def get_searcher(index_dir: Path | str | None = None, seeds_dir: Path | str | None = None,
                 model: str | None = None) -> Searcher:
    """A cached Searcher per (index, seeds, model), so the model is loaded once per process."""
    index_dir = Path(index_dir) if index_dir else default_index_dir()
    # An explicit index_dir is used as given; only the default index is built from seeds/ on demand.
    if seeds_dir is None and index_dir == default_index_dir():
        seeds_dir = default_seeds_dir()
    key = (str(index_dir.resolve()), str(seeds_dir), model)
    with _searchers_lock:
        if key not in _searchers:
            _searchers[key] = Searcher(index_dir, seeds_dir=seeds_dir, model=model)
        return _searchers[key]


def search(question: str, k: int = 5, index_dir: Path | str | None = None,
           seeds_dir: Path | str | None = None, model: str | None = None, **filters) -> list[Hit]:
    """The `k` passages most relevant to `question`, best first.

    Without `index_dir`, the default index (./index) is used, built from ./seeds on first call.
    Filters: date_from, date_to ('2020-03-01' or '2020年3月1日'), place, source."""
    return get_searcher(index_dir, seeds_dir, model).search(question, k, **filters)
