"""Retrieval quality on a question file: recall@1/5/10 and MRR@10, overall and per question kind
(and language, for questions with a "lang").

A question is a JSON line {"id", "question", "gold": [substrings], "kind", "session_date"}, with
an optional "lang". A hit counts when its text contains one of the gold substrings and its date
equals session_date; full- and half-width forms count as the same (a gold `地点:线上学习` copied
from a record is found in a hit's header line `地点：线上学习`). Of each question's first right hit
it also counts whether the gold substring is inside one of its highlights (what the UI shows in
bold)."""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .types import Hit
from .zh import fold_width

CUTOFFS = (1, 5, 10)


@dataclass
class EvalResult:
    total: int = 0
    recall: dict[int, float] = field(default_factory=dict)
    mrr10: float = 0.0
    per_kind: dict[str, dict] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)   # questions not answered first, with their rank
    right: int = 0          # questions with a right hit in the top 10 (gold substring mode)
    highlighted: int = 0    # of those, the first right hit's highlights hold the gold substring

    def table(self) -> str:
        rows = [f"{'kind':<16}{'n':>4}{'R@1':>8}{'R@5':>8}{'R@10':>8}{'MRR@10':>8}"]
        for kind, m in sorted(self.per_kind.items()):
            rows.append(f"{kind:<16}{m['n']:>4}{m['r1']:>8.3f}{m['r5']:>8.3f}{m['r10']:>8.3f}{m['mrr10']:>8.3f}")
        rows.append(f"{'all':<16}{self.total:>4}{self.recall[1]:>8.3f}{self.recall[5]:>8.3f}"
                    f"{self.recall[10]:>8.3f}{self.mrr10:>8.3f}")
        if self.right:
            rows.append(f"answer in a highlight: {self.highlighted} of {self.right} right hits "
                        f"({self.highlighted / self.right:.3f})")
        return "\n".join(rows)


def load_questions(path: Path) -> list[dict]:
    questions = []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileNotFoundError(f"no questions file {path}; give a .jsonl file, one question a line") from None
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes()[:exc.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}: not UTF-8 text; save the questions file as UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
            q["question"], q["gold"]  # noqa: B018 - both are required
        except (ValueError, KeyError) as exc:
            raise ValueError(f"{path}:{number}: not a question line ({exc}); expected JSON with "
                             f"'question' and 'gold'") from exc
        questions.append(q)
    return questions


def first_relevant_rank(hits: list[Hit], gold: list[str], session_date: str | None) -> int | None:
    """1-based rank of the first hit holding a gold substring from the right session, or None."""
    gold = [fold_width(g) for g in gold]
    for rank, hit in enumerate(hits, start=1):
        text = fold_width(hit.text)
        if any(g in text for g in gold) and (session_date is None or hit.date == session_date):
            return rank
    return None


def highlight_holds(hit: Hit, gold: list[str]) -> bool:
    """Whether one of the hit's highlighted spans holds a gold substring (widths folded)."""
    gold = [fold_width(g) for g in gold]
    return any(g in fold_width(hit.text[a:b]) for a, b in hit.highlights for g in gold)


def first_source_rank(hits: list[Hit], source: str) -> int | None:
    for rank, hit in enumerate(hits, start=1):
        if hit.source == source:
            return rank
    return None


def evaluate(questions: list[dict], search_fn, depth: int = 10) -> EvalResult:
    """`search_fn(question, k) -> list[Hit]`; returns the metrics. A question with a "source"
    (the CMRC mode) counts a hit from that file; otherwise gold substring + session date."""
    ranks: list[tuple[dict, int | None]] = []
    result = EvalResult()
    for q in questions:
        hits = search_fn(q["question"], depth)
        if "source" in q:
            ranks.append((q, first_source_rank(hits, q["source"])))
            continue
        rank = first_relevant_rank(hits, q["gold"], q.get("session_date"))
        ranks.append((q, rank))
        if rank is not None:
            result.right += 1
            result.highlighted += highlight_holds(hits[rank - 1], q["gold"])
    result.total = len(ranks)
    groups: dict[str, list[int | None]] = defaultdict(list)
    for q, rank in ranks:
        groups[" ".join(filter(None, [q.get("kind", "all"), q.get("lang")]))].append(rank)
        if rank != 1:
            result.misses.append({"id": q.get("id"), "question": q["question"], "kind": q.get("kind"),
                                  "rank": rank})
    result.recall = {c: _recall([r for _, r in ranks], c) for c in CUTOFFS}
    result.mrr10 = _mrr([r for _, r in ranks])
    for kind, kind_ranks in groups.items():
        result.per_kind[kind] = {"n": len(kind_ranks), "r1": _recall(kind_ranks, 1),
                                 "r5": _recall(kind_ranks, 5), "r10": _recall(kind_ranks, 10),
                                 "mrr10": _mrr(kind_ranks)}
    return result


def _recall(ranks: list[int | None], cutoff: int) -> float:
    return sum(1 for r in ranks if r is not None and r <= cutoff) / max(len(ranks), 1)


def _mrr(ranks: list[int | None]) -> float:
    return sum(1.0 / r for r in ranks if r is not None and r <= 10) / max(len(ranks), 1)


def index_cmrc(cmrc_split_dir: Path, index_dir: Path, model: str | None = None) -> list[dict]:
    """Index a CMRC 2018 split's passages into `index_dir` (their record files go to the folder
    beside it, `<index_dir>-seeds`) and return its questions. Search them with
    `dates_from_question=False`: a Wikipedia question's date is content, not a session."""
    from .indexer import update_index
    from .store import StudyQAError, read_manifest
    index_dir = Path(index_dir)
    seeds_dir = index_dir.with_name(index_dir.name + "-seeds")
    manifest = read_manifest(index_dir)
    built_from = (index_dir / manifest["seeds"]).resolve() if manifest and manifest.get("seeds") else None
    if manifest and manifest.get("files") and built_from != seeds_dir.resolve():
        # the user's own index given by mistake: a CMRC build would replace every record in it
        raise StudyQAError(f"{index_dir} is an index of other records (built from {built_from or 'another folder'}); "
                           f"nothing was changed. Give --index a new folder for the CMRC index "
                           f"(default: cmrc-{Path(cmrc_split_dir).resolve().name}-index)")
    questions = prepare_cmrc(cmrc_split_dir, seeds_dir)
    print(f"indexing the passages of {len(questions)} questions into {index_dir}", file=sys.stderr)
    update_index(seeds_dir, index_dir, model=model)
    return questions


def prepare_cmrc(cmrc_split_dir: Path, seeds_dir: Path) -> list[dict]:
    """Write each CMRC passage as a record file `<id>.txt` (its title, then its text) into
    `seeds_dir`, and return the questions, each naming the file that answers it."""
    cmrc_split_dir, seeds_dir = Path(cmrc_split_dir), Path(seeds_dir)
    for name in ("corpus.jsonl", "queries.jsonl"):
        if not (cmrc_split_dir / name).is_file():
            raise FileNotFoundError(f"{cmrc_split_dir} holds no {name}: give a CMRC 2018 split folder "
                                    f"(corpus.jsonl + queries.jsonl), such as ../shared/data/cmrc2018/dev")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    with open(cmrc_split_dir / "corpus.jsonl", encoding="utf-8") as corpus:
        for line in corpus:
            doc = json.loads(line)
            path = seeds_dir / f"{doc['id']}.txt"
            text = f"{doc.get('title', '')}\n{doc['text']}\n"
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
    questions = []
    with open(cmrc_split_dir / "queries.jsonl", encoding="utf-8") as queries:
        for line in queries:
            q = json.loads(line)
            questions.append({"id": q["id"], "question": q["question"], "kind": "cmrc",
                              "source": f"{q['context_id']}.txt", "gold": q.get("answers", [])})
    return questions
