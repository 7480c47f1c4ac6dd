"""Question -> Hits. Loads the index (building it from seeds/ on first use) and the model once."""
from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from embeddings.query_adapter import adapt_query

from . import korean
from .crosslingual import (asks_about_session_english, asks_for_sessions_english, asks_when_studied_english,
                           date_alone_english, lexicon, mentions_studying_english,
                           split_session_date_english, split_session_place_english,
                           split_session_place_latin)
from .european import (asks_about_session_european, asks_for_sessions_european, asks_when_studied_european,
                       date_alone_european, mentions_studying_european, split_session_date_european)
from .cues import answer_cues
from .highlight import highlights
from .japanese import (asks_about_session_japanese, asks_for_sessions_japanese, asks_when_studied_japanese,
                       mentions_studying_japanese, split_session_date_japanese)
from .lexical import BM25, lexical_text
from .rerank import FOREIGN_FEATURES, FOREIGN_RERANKER_FILE, feature_matrix, load_reranker
from .store import (ModelMismatch, PassageIndex, manifest_stamp, rebuild_command, recorded_seeds_dir,
                    stale_model_build)
from .types import Hit
from .zh import (asks_about_session, asks_for_sessions, asks_when_studied, cjk_share, date_filter,
                 foreign_share, format_date_cn, keyword_share, keywords_of, other_forms, parse_date,
                 sentence_spans, session_header, split_session_date, split_session_place,
                 written_otherwise)


def project_root() -> Path:
    """The folder holding seeds/: the current folder if it has one, else the repository checkout."""
    cwd = Path.cwd()
    return cwd if (cwd / "seeds").is_dir() else Path(__file__).resolve().parents[1]


def default_seeds_dir() -> Path:
    return Path(os.environ.get("STUDYQA_SEEDS") or project_root() / "seeds")


def seeds_dir_for(index_dir: Path | str, seeds_dir: Path | str | None = None) -> Path:
    """The seeds folder to build `index_dir` from: the one given, else $STUDYQA_SEEDS, else the
    folder the index was built from (so `--index DIR` alone never rebuilds it from another
    folder's records), else ./seeds."""
    if seeds_dir:
        return Path(seeds_dir)
    if not os.environ.get("STUDYQA_SEEDS"):
        built_from = recorded_seeds_dir(Path(index_dir))
        if built_from is not None:
            return built_from
    return default_seeds_dir()


def default_index_dir() -> Path:
    return Path(os.environ.get("STUDYQA_INDEX") or project_root() / "index")


# Fusion, tuned on the dev questions, seed only and among the 1,513 scale sessions (README
# "Measured"; each weight's history in docs/measurements.md): dense = mean of the passage's
# cosine and its best sentence's cosine, plus the session topic's cosine with TOPIC_WEIGHT
# (among thousands of look-alike records it tells which session a passage belongs to);
# lexical = coverage of the question's terms (rag/lexical.py BM25.match) with COVERAGE_WEIGHT,
# scaled by how Chinese the question is (an English question has no Chinese keywords to match).
# BM25 itself picks candidates and is the lexical-only mode.
TOPIC_WEIGHT = 0.3
COVERAGE_WEIGHT = 0.35
# A passage's Chinese keyword score is OWN_COVERAGE_SHARE of its own and the rest of the best
# among its session's candidates. Across records, whose words differ, keywords tell which record
# answers; within one speech every paragraph shares its words, and a long paragraph holding more
# of the question's words by chance beat the one the sentence model prefers. 0.4, chosen over
# 0.2-0.5 on the Chinese sets (docs/measurements.md): first hits 199 -> 203 on the seed records,
# 163 -> 167 with the scale records; the dev set among the scale records loses one at 0.3.
OWN_COVERAGE_SHARE = 0.4
# The non-Chinese part of a question: coverage of its English words' Chinese translations
# (CC-CEDICT, rag/crosslingual.py), times this and COVERAGE_WEIGHT. Translations are loose (one
# English word, a dozen Chinese ones), so they weigh far less than a question's own Chinese terms.
# Chosen again on vectors of sentences embedded alone, over both English sets on both indexes
# (168 questions): 0.03 / 0.05 / 0.08 / 0.1 / 0.15 give 94-96 / 97-107 / 102-112 / 110-112 /
# 110-112 first hits (over the other two weights' values); at 0.1 and above, with the Chinese view at
# 0.35, an English dev question falls out of first place among the scale records. 0.08 gains 5
# first hits over 0.05 and changes nothing else but one top-5 hit of another language
# (docs/measurements.md).
TRANSLATED_WEIGHT = 0.08
# Translated coverage counts each word whole (`BM25.unit_coverage`) plus, at this share of it, the
# characters and bigrams of each word's first translations, the way a Chinese question's coverage
# counts them (`BM25.match`): a passage holding 养老保险 for "pension insurance" gains though the
# word it holds is not one of the translations. English questions (dev and blind sets in English,
# both indexes, 168 in all): first hits 107 -> 109, top 5 142 -> 145, no set lower. At a share of
# 0.35 and above the dev set's `x-52-en` falls to rank 2 (a wrong sense, removed -> 搬迁, matched
# as terms), though at 1.0 the English sets gain 6 first hits (docs/measurements.md).
TRANSLATION_TERMS_SHARE = 0.25
TRANSLATIONS_AS_TERMS = 3
# ...and the dense leg: the commonest translation of each English word, embedded as a second,
# Chinese view of the question and added to its vector with this weight (times the non-Chinese
# share). English dev questions among the scale records: R@1 0.512 -> 0.585, R@5 0.756 -> 0.805;
# 0.5, or two translations a word, move Chinese-dev and seed questions (docs/measurements.md).
PSEUDO_QUERY_WEIGHT = 0.25
# A question not (all) in Chinese: the best TOKEN_MATCH_DEPTH results are scored again word by
# word. Each token of the question (the model's last layer) is matched with its nearest token of
# the passage, and the mean of those cosines, times this and the question's non-Chinese share
# (`zh.foreign_share`: of its letters, digits left out, so `2020年3月…` is all Chinese), is
# added (the MaxSim of late-interaction retrievers such as ColBERT, here with e5's own tokens).
# One pooled vector blurs a long question in another language; token by token, `poverty` still
# finds 贫困. Over the English dev, English blind and other-language sets (204 questions per
# index) this gains 13 first hits among the seed records and 13 among the scale records; Chinese questions
# gain nothing from it, and lose one or two among the scale records, hence the share
# (docs/experiments.md). It costs a run of the model per passage: about 0.34 s a question on 2 cores.
TOKEN_MATCH_WEIGHT = 1.0
TOKEN_MATCH_DEPTH = 10
# A question in Chinese: among its best SESSION_TOKEN_DEPTH results, the paragraphs of one session
# keep the places they hold but are put in order among them by their fused score plus this times
# their token match (above). The paragraphs of one speech share its words and its subject, so
# their fused scores are close, and the one the question's words point at token by token is more
# often the one that answers. Across sessions the order is left as it is: there, among the
# look-alike records of other dates, the token match gained nothing (docs/experiments.md).
# Seven Chinese sets (302 questions), first hits over whole paragraphs: seed records 279 -> 284,
# scale records 241 -> 241, top 5 unchanged (the int8 model's build 2; on build 1 281 -> 288 and
# 238 -> 237, where weights 1-4 and the best 10 scored within three; docs/measurements.md).
# It costs a run of the model per passage of such a session, when two of the best share one.
# The best 8, not 5 (stop 22): an answer at places 6-8 among paragraphs of its own session moves
# into the top 5. Seven Chinese sets, top 5 (seed / scale records): depth 5 299 / 283, 6 299 / 283,
# 7-10 301 / 284; first hits 285 / 243 at every depth; p50 on the full index +30-40 ms.
SESSION_TOKEN_WEIGHT = 2.0
SESSION_TOKEN_DEPTH = 8
# ...over each passage's best sentence (by the fused sentence cosine) and this many sentences on
# either side, not the whole passage: the answer is there, and a long paragraph's other
# sentences add tokens that match the question's subject anywhere in the speech. Seven Chinese
# sets, first hits (seed / scale records): whole passage 284 / 241, +-2 sentences 285 / 242,
# +-1 285 / 243, the best sentence alone 285 / 241; top 5 283 on the scale records for each.
# Token match p50 on the full index 237 -> 149-156 ms (docs/measurements.md).
SESSION_TOKEN_WINDOW = 1
# The dense leg is scored twice, with the question's vector and with it moved by the query
# adapter (embeddings/query_adapter.py, trained on CMRC 2018 to pick the answering sentence among
# a passage's sentences); each cosine is the mean of the two at this share of the adapted one.
# The adapted cosines spread four times wider, so at 0.5 they order the candidates most, while
# the keyword weights keep their place beside the halved plain cosines. First hits on six Chinese
# sets (docs/measurements.md), seed / scale records: 228 / 200 without it; 0.3: 233 / 199; 0.5:
# 235 / 201; 0.7: 235 / 195; 1.0: 234 / 189 (the look-alike records it was not trained on).
ADAPTED_QUERY_WEIGHT = 0.5
# Candidates taken from each leg before fusion; exact scores are then computed for all of them.
CANDIDATES = 100
MODES = ("hybrid", "dense", "lexical")
DEFAULT_RERANKER = object()    # Searcher.reranker / foreign_reranker: the file fitted for the index's model


class _Clock:
    """Seconds spent in each step of a search (read by bench/ through Searcher.last_timings)."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


@dataclass
class Understood:
    """What the search made of a question, for the UI to show."""
    filters: dict
    from_question: dict | None       # date filter read from the question itself, if any
    content: str = ""                # the question without that date: what passages are matched on
    # English words of the question -> their Chinese translations found in the collection
    translations: list = field(default_factory=list)
    simplified: str = ""             # the question in simplified characters, when typed in traditional
    sessions: bool = False           # the question names no content: the sessions are listed
    studied_on: list = field(default_factory=list)   # a "when did we study X?" question: the hits' dates
    place_from_question: str = ""    # place filter read from the question itself, if any
    # a session date read from the question that no session falls on: not applied (`2019年那次
    # 座谈会…` when nothing was studied in 2019: the date belongs to what is asked about)
    unmatched_date: dict | None = None
    # the filters let no passage through: why, in words, with what the records do hold
    nothing_passes: str = ""
    # short or full forms the question names, each matched in its other form too (zh.ABBREVIATIONS)
    other_forms: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """For JSON: the fields, and `description`, the line the UI and the CLI show."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "description": self.describe()}

    def describe(self) -> str:
        described = self._describe_filters()
        if self.simplified:
            described = "; ".join(filter(None, [f"简体 read in simplified characters: {self.simplified}",
                                                described]))
        if self.sessions:
            described = "; ".join(filter(None, [described, "问题未指明内容，按日期列出各次学习的记录头和开头 "
                                                "the question names no content: each session's header and opening, by date"]))
        if self.unmatched_date:
            described = "; ".join(filter(None, [described, "问题中的日期（%s）没有对应的学习记录，已在全部记录中检索 "
                                                "no session falls on the date in the question; all sessions were searched"
                                                % _describe_date(self.unmatched_date)]))
        if self.nothing_passes:
            described = "; ".join(filter(None, [described, self.nothing_passes]))
        if self.studied_on:
            dates = "、".join(format_date_cn(d) for d in self.studied_on)
            described = "; ".join(filter(None, [described, f"学习日期 studied on: {dates}"]))
        if self.other_forms:
            forms = "; ".join(f"{form} = {other}" for form, other in self.other_forms)
            described = "; ".join(filter(None, [described, f"简称与全称 short and full forms: {forms}"]))
        words = "; ".join(f"{english} → {'/'.join(chinese) if chinese else '（无 none）'}"
                          for english, chinese in self.translations
                          if not english[0].isdigit())       # a number stands for itself
        if words:
            label = ("韩文词 Korean words" if any(korean.has_hangul(english) for english, _ in self.translations)
                     else "英文词 English words")
            described = "; ".join(filter(None, [described, f"{label}: {words}"]))
        return described

    def _describe_filters(self) -> str:
        parts = []
        f = self.filters
        if f.get("month_day") or f.get("date_from") or f.get("date_to"):
            parts.append("日期 date: " + _describe_date(f))
        for key, label in (("place", "地点 place"), ("source", "文件 file")):
            if f.get(key):
                parts.append(f"{label}: {f[key]}")
        if not parts:
            return ""
        origin = "（从问题中识别 read from the question）" if self.from_question or self.place_from_question else ""
        described = "筛选 Filters: " + "; ".join(parts) + origin
        if (self.from_question or self.place_from_question) and not self.sessions:
            described += f"; 检索内容 searching for: {self.content}"
        return described


class Searcher:
    """A loaded index plus the model that built it. Reloads when the index on disk changes."""

    def __init__(self, index_dir: Path, seeds_dir: Path | None = None, model: str | None = None,
                 encoder=None):
        self.index_dir = Path(index_dir)
        self.seeds_dir = Path(seeds_dir) if seeds_dir else None
        self.requested_model = model
        self._encoder = encoder
        self._loaded: _Loaded | None = None
        self.last_timings: dict[str, float] = {}
        # the reranker (rag/rerank.py): the default model's file, or one given (fitting gives one
        # whose weights are zero, to read the features of the order without it), or None: none;
        # `foreign_reranker` the same for questions in other languages
        self.reranker = DEFAULT_RERANKER
        self.foreign_reranker = DEFAULT_RERANKER
        self.last_rerank: dict | None = None     # the last reranked candidates and their features
        self._loaded_stamp: tuple | None = None
        self._stale_warned: int | None = None     # the generation last warned of (stale_model_build)
        self._lock = threading.Lock()

    @property
    def encoder(self):
        if self._encoder is None:
            from embeddings import load_encoder
            self._encoder = load_encoder(self.index.model)
        return self._encoder

    @property
    def index(self) -> PassageIndex:
        return self._current().index

    def _current(self) -> "_Loaded":
        """The loaded index with its search structures, reloaded when a build switched generations."""
        with self._lock:
            stamp = manifest_stamp(self.index_dir)
            if stamp is None and self.seeds_dir is not None:
                self._build_first()
                stamp = manifest_stamp(self.index_dir)
            if self._loaded is None or stamp != self._loaded_stamp:
                index = PassageIndex.load(self.index_dir)
                self._check_model(index)
                self._loaded, self._loaded_stamp = _Loaded.of(index), stamp
            return self._loaded

    def warm_up(self) -> None:
        """Load (or, on first use, build) the index, the model and the English lexicon now."""
        self._current()
        self.encoder.encode_queries(["预热"])
        lexicon()

    def _build_first(self) -> None:
        from .indexer import update_index
        print(f"no index at {self.index_dir} yet: building it from {self.seeds_dir}", file=sys.stderr)
        report = update_index(self.seeds_dir, self.index_dir, encoder=self._encoder,
                              model=self.requested_model)
        print(report.summary(), file=sys.stderr)

    def _check_model(self, index: PassageIndex) -> None:
        from embeddings import Encoder
        for wanted in (self.requested_model, self._encoder and self._encoder.name):
            if wanted and Encoder.canonical_name(wanted) != index.model:
                raise ModelMismatch(
                    f"the index at {self.index_dir} was built with model '{index.model}', but "
                    f"'{Encoder.canonical_name(wanted)}' was asked for. Search without --model, or "
                    f"rebuild the index with: {rebuild_command(self.index_dir, wanted)}")
        stale = stale_model_build(index.model, index.model_build)
        if stale and self._stale_warned != index.generation:
            self._stale_warned = index.generation
            print(f"note: the index at {self.index_dir} {stale}; run: "
                  f"{rebuild_command(self.index_dir)}", file=sys.stderr)

    def understand(self, question: str, date_from=None, date_to=None, place=None, source=None,
                   dates_from_question: bool = True) -> Understood:
        """Combine explicit filters with a session date or place named in the question (unless
        `dates_from_question` is False)."""
        return self._understand(question, date_from, date_to, place, source, dates_from_question,
                                self._current())

    def _understand(self, question: str, date_from, date_to, place, source, dates_from_question: bool,
                    loaded: "_Loaded") -> Understood:
        filters = {"date_from": _iso_or_none(date_from, "the start date"),
                   "date_to": _iso_or_none(date_to, "the end date"),
                   "place": (place or "").strip() or None, "source": (source or "").strip() or None}
        if filters["date_from"] and filters["date_to"] and filters["date_from"] > filters["date_to"]:
            raise ValueError(f"the start date ({filters['date_from']}) is after the end date "
                             f"({filters['date_to']}): no session can fall between them; swap the two dates")
        from_question, content, place_named, unmatched = None, question, "", None
        if dates_from_question and not (filters["date_from"] or filters["date_to"]):
            read, rest = split_session_date(question)
            if not read:
                read, rest = _foreign_session_date(question)
            alone = None if read else _date_alone(question)
            if alone:
                # a date and nothing else (`3月4日`): that day's sessions if there are any, else
                # the text is searched for it (`2月23日`, a meeting's date), and the page says so
                if any(_date_passes(d, **alone) for d in loaded.dates):
                    read, rest = alone, question
                else:
                    unmatched = alone
            if read and rest != question and not _any_language(_LISTS_SESSIONS, rest) and not any(
                    _date_passes(d, **read) for d in loaded.dates):
                unmatched = read        # content remains: search it all, the date included
            elif read:
                from_question, content = read, rest
                filters.update(read)
        if dates_from_question and not filters["place"]:
            # `在三楼会议室学的那次…`: a place of the records, named next to a session word
            named, rest = split_session_place(content, loaded.places)
            if not named and cjk_share(content) < 0.5 and _any_language(_MENTIONS_STUDYING, content):
                # `the session we studied online via QQ`: a place named by its Latin letters
                named, rest = split_session_place_latin(content, loaded.places)
                if not named:
                    # `What did we study in the third-floor meeting room?`: a place in English words
                    named, rest = split_session_place_english(content, loaded.places)
            if named:
                filters["place"], place_named, content = named, named, rest
        return Understood({k: v for k, v in filters.items() if v}, from_question, content,
                          place_from_question=place_named, unmatched_date=unmatched)

    def search(self, question: str, k: int = 5, date_from: str | None = None,
               date_to: str | None = None, place: str | None = None, source: str | None = None,
               dates_from_question: bool = True, dedupe: bool = True, mode: str = "hybrid") -> list[Hit]:
        """Best `k` passages. Filters: ISO date range (inclusive), place and source file (substring
        matches); a session date or place named in the question (`3月4日那次学习`, `在三楼会议室
        学习时`) is used as a filter unless one is given (`dates_from_question=False`: never). The
        same text studied in several sessions is shown once, with the
        other dates in `also_dates`. `mode`: "hybrid" (default), or "dense" / "lexical" alone
        (for comparison)."""
        return self.ask(question, k, date_from, date_to, place, source, dates_from_question,
                        dedupe, mode)[0]

    def ask(self, question: str, k: int = 5, date_from: str | None = None,
            date_to: str | None = None, place: str | None = None, source: str | None = None,
            dates_from_question: bool = True, dedupe: bool = True,
            mode: str = "hybrid") -> tuple[list[Hit], Understood]:
        """`search`, plus what was understood of the question (for the UI and the CLI to show)."""
        question = (question or "").strip()
        if not question or k <= 0:
            return [], Understood({}, None)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
        clock = _Clock()
        loaded = self._current()
        typed, question = question, lexicon().simplify(question)
        understood = self._understand(question, date_from, date_to, place, source, dates_from_question,
                                      loaded)
        if question != typed:
            understood.simplified = question
        clock.lap("load")
        nothing_else = understood.from_question and understood.content == question   # `3月4日那次学习`
        if nothing_else or asks_for_sessions(understood.content) or (
                (understood.from_question or understood.place_from_question)
                and _any_language(_LISTS_SESSIONS, understood.content)):
            understood.sessions = True
            hits = _session_openings(loaded.index, understood.filters, k)
            if not hits:
                understood.nothing_passes = _why_nothing_passes(loaded, understood.filters)
            clock.lap("rest")
            self.last_timings = clock.laps
            return hits, understood
        translated, pseudo = None, ""
        if mode == "hybrid" and cjk_share(understood.content) < 1:
            # English words: their Chinese translations, how much of them each passage holds, and
            # the commonest translation of each as a Chinese view of the question (a question in
            # another language: only its numbers, its words are left to the model; a Korean one
            # also its Sino-Korean syllables, read back as the bigrams they stand for)
            units = lexicon().units(understood.content)
            if korean.has_hangul(understood.content):
                units = units + korean.units(understood.content, loaded.bm25.present_bigrams)
            translated, found = loaded.bm25.unit_coverage(units)
            as_terms = " ".join(word for unit, words in zip(units, found) if not unit.is_number
                                for word in words[:TRANSLATIONS_AS_TERMS])
            if as_terms:
                translated = translated + TRANSLATION_TERMS_SHARE * loaded.bm25.match(as_terms)[1]
            understood.translations = [(u.english, words[:3]) for u, words in zip(units, found)]
            pseudo = " ".join(words[0] for u, words in zip(units, found)
                              if words and not u.is_number)
        clock.lap("translation")
        # 深改委 in the question, 中央全面深化改革委员会 in the records (zh.ABBREVIATIONS)
        forms = other_forms(understood.content) if mode == "hybrid" else {}
        understood.other_forms = list(forms.items())
        # "3月4日那次学习" became a filter: match passages on the rest of the question only
        hits = self._search(loaded, understood.content, translated, pseudo, forms, k, understood.filters,
                            dedupe, mode, clock)
        content = understood.content
        if _any_language(_ASKS_WHEN_STUDIED, content):
            understood.studied_on = sorted({d for h in hits for d in [h.date, *h.also_dates] if d})
        if _any_language(_ASKS_ABOUT_SESSION, content):
            hits = [_with_header(hit, loaded.index) for hit in hits]   # when, where or how: the header answers
        if not hits:
            understood.nothing_passes = _why_nothing_passes(loaded, understood.filters)
        return hits, understood

    def _search(self, loaded: "_Loaded", question: str, translated: np.ndarray | None, pseudo: str, forms: dict,
                k: int, filters: dict, dedupe: bool, mode: str, clock: _Clock) -> list[Hit]:
        """The steps of "How it works" (README): the question's vector and keyword scores,
        candidates from both legs, their fused scores, one of each text, the best few put in
        order again token by token and by the reranker, then the hits with their highlights."""
        index = loaded.index
        if not len(index):
            return []
        allowed = _filter_ids(index, **filters)
        if allowed is not None and not allowed:
            return []
        clock.lap("load")
        # 深改委 asked, 中央全面深化改革委员会 written: the question written the other way too
        other = written_otherwise(question, forms) if forms else None
        query = self._question_vector(question, pseudo, other)
        clock.lap("query_encoding")
        keywords = keywords_of(question)
        lexical, chinese_keywords, bm25 = self._keyword_scores(loaded, question, keywords, translated, forms,
                                                               other, mode)
        dense_weight = 0.0 if mode == "lexical" else 1.0
        clock.lap("lexical_search")
        rows = self._candidates(loaded, query, lexical, bm25, translated, allowed, dense_weight)
        clock.lap("vector_search")
        scored, measured = self._fused_scores(loaded, question, query, rows, lexical, chinese_keywords,
                                              dense_weight, mode)
        clock.lap("fusion")
        best, other_dates, order = _one_of_each_text(index, scored, dedupe)
        if mode == "hybrid" and hasattr(self.encoder, "token_vectors"):
            order = self._order_best_again(question, order, best, loaded, rows, measured)
        clock.lap("token_match")
        hits = []
        for key in order[:k]:
            fused, pid, sentence_cos = best[key]
            hit = _hit(index, pid, fused)
            hit.highlights = highlights(hit.text, sentence_cos, keywords)
            hit.also_dates = sorted(other_dates[key] - {hit.date})
            hits.append(hit)
        clock.lap("rest")
        self.last_timings = clock.laps
        return hits

    def _question_vector(self, question: str, pseudo: str, other: str | None) -> np.ndarray:
        """The question's vector: with the Chinese view of a question in another language
        (`pseudo`) and the question written with the other form of its short forms (`other`)."""
        query = self.encoder.encode_queries([question])[0]
        if pseudo and PSEUDO_QUERY_WEIGHT:
            # a call of its own: int8 activations are quantized per batch, and the question's
            # own vector should not depend on what it is embedded with
            chinese_view = self.encoder.encode_queries([pseudo])[0]
            query = query + PSEUDO_QUERY_WEIGHT * (1 - cjk_share(question)) * chinese_view
            query = (query / np.linalg.norm(query)).astype(np.float32)
        if other is not None:
            query = query + self.encoder.encode_queries([other])[0]
            query = (query / np.linalg.norm(query)).astype(np.float32)
        return query

    @staticmethod
    def _keyword_scores(loaded: "_Loaded", question: str, keywords: str, translated: np.ndarray | None,
                        forms: dict, other: str | None, mode: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per passage: the lexical term of the fused score (by `mode`), its Chinese keywords'
        part, and BM25 (for candidates). A text holding either form of a short form the question
        names (`forms`; the question written the other way: `other`) holds the word."""
        bm25, coverage = loaded.bm25.match(keywords, forms)
        if other is not None:
            bm25 = np.maximum(bm25, loaded.bm25.match(keywords_of(other))[0])
        chinese_keywords = np.zeros_like(coverage)
        if mode == "lexical":
            lexical = bm25 / (loaded.bm25.max_score(keywords) or 1.0)
        elif mode == "hybrid":
            chinese_keywords = COVERAGE_WEIGHT * keyword_share(question) * coverage
            lexical = chinese_keywords
            if translated is not None:
                lexical = lexical + COVERAGE_WEIGHT * TRANSLATED_WEIGHT * (1 - cjk_share(question)) * translated
        else:
            lexical = np.zeros_like(coverage)
        return lexical, chinese_keywords, bm25

    @staticmethod
    def _candidates(loaded: "_Loaded", query: np.ndarray, lexical: np.ndarray, bm25: np.ndarray,
                    translated: np.ndarray | None, allowed, dense_weight: float) -> np.ndarray:
        """Rows of the passages to score exactly: the best CANDIDATES of each leg, or, under a
        filter, the best 2 x CANDIDATES of those it lets through by a first fused score."""
        if allowed is not None:
            rows = np.fromiter((loaded.row_of[pid] for pid in allowed), dtype=np.int64)
            pre = dense_weight * (loaded.matrix[rows] @ query) + lexical[rows]
            return rows[_top(pre, 2 * CANDIDATES)]
        rows = set(_top(bm25, CANDIDATES, positive=True).tolist())
        if translated is not None:
            rows.update(_top(translated, CANDIDATES, positive=True).tolist())
        if dense_weight and loaded.ann is not None:
            # a large index: candidates from the IVF cells nearest the question
            _, ids = loaded.ann.search(query[None, :].astype(np.float32), CANDIDATES)
            rows.update(loaded.row_of[int(i)] for i in ids[0] if i >= 0)
        elif dense_weight:
            # Below ANN_THRESHOLD: exact inner product over the FAISS vectors as one
            # matrix-vector product (for one query on 2 cores, twice as fast as
            # IndexFlatIP.search; docs/measurements.md, "Speed").
            rows.update(_top(loaded.matrix @ query, CANDIDATES).tolist())
        return np.fromiter(rows, dtype=np.int64)

    def _fused_scores(self, loaded: "_Loaded", question: str, query: np.ndarray, rows: np.ndarray,
                      lexical: np.ndarray, chinese_keywords: np.ndarray, dense_weight: float,
                      mode: str) -> tuple[list[tuple], dict]:
        """The candidates (`rows`) best first, each as (fused score, passage id, its sentences'
        cosines), and the cosines per candidate that the reranker reads (`measured`)."""
        index = loaded.index
        candidates = loaded.matrix[rows]
        passage_cos = candidates @ query
        topic_cos = np.append(loaded.topic_matrix @ query, 0.0)[loaded.topic_of_row[rows]]
        # every candidate's sentences in one product, then the best sentence per candidate
        starts, counts = loaded.sentence_start[rows], loaded.sentence_count[rows]
        offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
        picks = np.repeat(starts - offsets, counts) + np.arange(counts.sum())
        sentences = loaded.sentence_matrix[picks].astype(np.float32)
        sentence_cos = sentences @ query
        # each cosine also with the adapted question (ADAPTED_QUERY_WEIGHT); `dense` mode stays
        # the plain sentence model, for comparison
        adapter = getattr(self.encoder, "query_adapter", None) if mode == "hybrid" else None
        # the plain and adapted cosines apart, for the reranker (rag/rerank.py)
        measured = {"topic": topic_cos, "best_sentence": _best_of(sentence_cos, offsets), "passage": passage_cos}
        if adapter is not None and ADAPTED_QUERY_WEIGHT and len(rows):
            adapted = adapt_query(query, adapter)
            share = ADAPTED_QUERY_WEIGHT
            adapted_topic = np.append(loaded.topic_matrix @ adapted, 0.0)[loaded.topic_of_row[rows]]
            adapted_sentence = sentences @ adapted
            adapted_passage = candidates @ adapted
            measured.update(topic_adapted=adapted_topic, best_sentence_adapted=_best_of(adapted_sentence, offsets),
                            passage_adapted=adapted_passage)
            passage_cos = (1 - share) * passage_cos + share * adapted_passage
            topic_cos = (1 - share) * topic_cos + share * adapted_topic
            sentence_cos = (1 - share) * sentence_cos + share * adapted_sentence
        best_sentence = _best_of(sentence_cos, offsets)
        dense = (passage_cos + best_sentence) / 2 + TOPIC_WEIGHT * topic_cos
        lexical_rows = lexical[rows]
        if mode == "hybrid" and len(rows):
            # the Chinese keywords' part only: an English question's translated words are too
            # loose to be credited to a whole record
            own = chinese_keywords[rows]
            lexical_rows = lexical_rows - own + _shared_with_session(own, loaded.session_of_row[rows])
        fused = dense_weight * dense + lexical_rows
        cues = answer_cues(question) if mode == "hybrid" else []
        if cues:
            texts = [index.passages[int(pid)].text for pid in loaded.row_ids[rows]]   # once for all cues
            for weight, states in cues:
                fused = fused + weight * np.fromiter(map(states, texts), dtype=np.float64, count=len(texts))
        scored = sorted(((float(fused[i]), int(loaded.row_ids[row]),
                          sentence_cos[offsets[i]:offsets[i] + counts[i]])
                         for i, row in enumerate(rows.tolist())), key=lambda t: -t[0])
        return scored, measured

    def _order_best_again(self, question: str, order: list[str], best: dict, loaded: "_Loaded",
                          rows: np.ndarray, measured: dict) -> list[str]:
        """The first results put in order again: token by token and by the foreign reranker for a
        question not all in Chinese; a Chinese one's paragraphs of one session by their token
        match within the speech, then the reranker. `best` gets the new scores."""
        share = foreign_share(question)
        if share > 0 and TOKEN_MATCH_WEIGHT:
            reranker = self._reranker_for(measured, foreign=True)
            depth = max(TOKEN_MATCH_DEPTH, reranker.depth if reranker is not None else 0)
            order, matches = self._match_tokens(question, order, best, TOKEN_MATCH_WEIGHT * share,
                                                loaded.index, depth)
            if reranker is not None:
                order = self._rerank(order, best, loaded, rows, matches, measured, reranker)
        elif share == 0:
            reranker = self._reranker_for(measured)
            matches = {}
            if reranker is not None:       # it reads the token match of all its candidates
                matches = self._window_matches(question, order, best, loaded,
                                               max(reranker.depth, SESSION_TOKEN_DEPTH), everyone=True)
            elif SESSION_TOKEN_WEIGHT:
                matches = self._window_matches(question, order, best, loaded, SESSION_TOKEN_DEPTH,
                                               everyone=False)
            if SESSION_TOKEN_WEIGHT:
                order = self._order_within_sessions(order, best, loaded, matches)
            if reranker is not None:
                order = self._rerank(order, best, loaded, rows, matches, measured, reranker)
        return order

    def _token_match(self, question: str, texts: list[str]) -> list[float]:
        """Per text: the mean over the question's tokens of each one's best cosine with the text's
        tokens (TOKEN_MATCH_WEIGHT)."""
        question_tokens = self.encoder.token_vectors([question], query=True)[0]
        if not len(question_tokens):
            return [0.0] * len(texts)
        return [float((question_tokens @ tokens.T).max(axis=1).mean()) if len(tokens) else 0.0
                for tokens in self.encoder.token_vectors(texts)]

    def _match_tokens(self, question: str, order: list[str], best: dict, weight: float,
                      index: PassageIndex, depth: int = TOKEN_MATCH_DEPTH) -> tuple[list[str], dict[str, float]]:
        """`order` with its first `depth` results scored again token by token (see
        TOKEN_MATCH_WEIGHT), and their token matches (the foreign reranker reads them); `best`
        gets their new scores."""
        top = order[:depth]
        if not top:
            return order, {}
        matches = self._token_match(question, [index.passages[best[key][1]].text for key in top])
        for key, match in zip(top, matches):
            fused, pid, sentence_cos = best[key]
            best[key] = (fused + weight * match, pid, sentence_cos)
        return sorted(top, key=lambda key: -best[key][0]) + order[depth:], dict(zip(top, matches))

    def _reranker_for(self, measured: dict, foreign: bool = False):
        """The reranker to apply (`self.reranker`, or `self.foreign_reranker` for a question in
        another language; by default the file fitted for the model), or None: also where the
        adapted cosines it reads were not measured (no query adapter)."""
        if "best_sentence_adapted" not in measured:
            return None
        chosen = self.foreign_reranker if foreign else self.reranker
        if chosen is not DEFAULT_RERANKER:
            return chosen
        if foreign:
            return load_reranker(self.encoder.name, FOREIGN_RERANKER_FILE, FOREIGN_FEATURES)
        return load_reranker(self.encoder.name)

    def _window_matches(self, question: str, order: list[str], best: dict, loaded: "_Loaded",
                        depth: int, everyone: bool) -> dict[str, float]:
        """The token match (_token_match) of the question with each of the first `depth`
        results' best sentence ± SESSION_TOKEN_WINDOW: for all of them (`everyone`, the reranker
        reads them), or only for those that share their session with another of them."""
        top = order[:depth]
        if not everyone:
            sessions = [int(loaded.session_of_row[loaded.row_of[best[key][1]]]) for key in top[:SESSION_TOKEN_DEPTH]]
            top = [key for key, session in zip(top, sessions) if sessions.count(session) > 1]
        if not top:
            return {}
        texts = [_around_best_sentence(loaded.index.passages[best[key][1]].text, best[key][2],
                                       SESSION_TOKEN_WINDOW) for key in top]
        return dict(zip(top, self._token_match(question, texts)))

    def _order_within_sessions(self, order: list[str], best: dict, loaded: "_Loaded",
                               matches: dict[str, float]) -> list[str]:
        """`order` with the paragraphs of one session among its first SESSION_TOKEN_DEPTH results
        put in order among their own places by fused score + SESSION_TOKEN_WEIGHT x token match
        (`matches`, _window_matches'); each takes the score of the place it moves to, so the
        scores still descend."""
        top = order[:SESSION_TOKEN_DEPTH]
        places: dict[int, list[int]] = {}
        for place, key in enumerate(top):
            session = int(loaded.session_of_row[loaded.row_of[best[key][1]]])
            places.setdefault(session, []).append(place)
        shared = [session_places for session_places in places.values() if len(session_places) > 1]
        if not shared:
            return order
        new_top, new_best = list(top), {}
        for session_places in shared:
            ranked = sorted(session_places,
                            key=lambda p: -(best[top[p]][0] + SESSION_TOKEN_WEIGHT * matches[top[p]]))
            for place, moved in zip(session_places, ranked):
                key = top[moved]
                _, pid, sentence_cos = best[key]
                new_top[place] = key
                new_best[key] = (best[top[place]][0], pid, sentence_cos)    # the place's score
        best.update(new_best)
        return new_top + order[SESSION_TOKEN_DEPTH:]

    def _rerank(self, order: list[str], best: dict, loaded: "_Loaded", rows: np.ndarray,
                matches: dict[str, float], measured: dict, reranker) -> list[str]:
        """`order` with its first `reranker.depth` results scored again: their score plus the
        reranker's adjustment (rag/rerank.py); `best` gets the new scores. `measured` holds the
        cosines per candidate row (`rows`)."""
        top = order[:reranker.depth]
        if len(top) < 2:
            return order
        position = {int(loaded.row_ids[row]): i for i, row in enumerate(rows.tolist())}
        at = [position[best[key][1]] for key in top]
        # the passage cosines, for a reranker that reads them (FOREIGN_FEATURES)
        passages = {name: measured[name][at] for name in ("passage", "passage_adapted")
                    if name in reranker.features}
        features = feature_matrix(
            measured["best_sentence"][at], measured["best_sentence_adapted"][at], measured["topic"][at],
            measured["topic_adapted"][at], [matches[key] for key in top],
            [int(loaded.session_of_row[loaded.row_of[best[key][1]]]) for key in top],
            [len(loaded.index.passages[best[key][1]].text) for key in top], **passages)
        self.last_rerank = {"pids": [best[key][1] for key in top], "scores": [best[key][0] for key in top],
                            "features": features}     # what scripts/train_reranker.py fits on
        for key, change in zip(top, reranker.adjust(features)):
            score, pid, sentence_cos = best[key]
            best[key] = (score + float(change), pid, sentence_cos)
        return sorted(top, key=lambda key: -best[key][0]) + order[reranker.depth:]

    def neighbours(self, hit: Hit) -> tuple[Hit | None, Hit | None]:
        """The paragraphs just before and after a hit in its session (None at either end)."""
        index = self.index
        by_position = index.position_lookup()
        found = []
        for paragraph in (hit.paragraph - 1, hit.paragraph + 1):
            pid = by_position.get((hit.source, hit.record, paragraph))
            found.append(_hit(index, pid, 0.0) if pid is not None else None)
        return found[0], found[1]

    def session_passages(self, hit: Hit) -> list[Hit]:
        """Every paragraph of the session a hit comes from, in order: the whole record as
        indexed (scores 0)."""
        index = self.index
        by_position = index.position_lookup()
        found, paragraph = [], 0
        while (pid := by_position.get((hit.source, hit.record, paragraph))) is not None:
            found.append(_hit(index, pid, 0.0))
            paragraph += 1
        return found

    def header_of(self, hit: Hit) -> str:
        """The header line of a hit's session: its field lines as the record wrote them (for an
        index built before they were kept, the fields as read)."""
        return _header_of(self.index, hit)

    def record_at(self, source: str, line: int) -> dict:
        """The session holding line `line` of an indexed file (passage_at), as plain data:
        {"header", "at", "passages"}, as `studyqa show --json` prints it and the page's `/record`
        API returns it."""
        at = self.passage_at(source, line)
        return {"header": self.header_of(at), "at": at.to_dict(),
                "passages": [p.to_dict() for p in self.session_passages(at)]}

    def passage_at(self, source: str, line: int) -> Hit:
        """The passage holding line `line` of an indexed file (`source`: its path in the seeds
        folder as `studyqa ask` prints it, `记录.txt:175`, the end of that path, or a longer path
        to the file). A header line gives the passage before it, a line before the first passage
        the first one."""
        index = self.index
        sources = sorted({p.source for p in index.passages.values()})
        # as indexed, its end (`2021/记录.txt` as `记录.txt`), or a longer path to it (`seeds/记录.txt`)
        matching = ([s for s in sources if s == source] or [s for s in sources if s.endswith("/" + source)]
                    or [s for s in sources if source.endswith("/" + s)])
        if len(matching) != 1:
            names = "、".join(sources[:5]) + (f" and {len(sources) - 5} more" if len(sources) > 5 else "")
            what = "matches several files" if matching else "is not an indexed file"
            raise ValueError(f"'{source}' {what}; the index holds {len(sources)} file(s): {names or 'none'}")
        passages = [(p.line, pid) for pid, p in index.passages.items() if p.source == matching[0]]
        before = [entry for entry in passages if entry[0] <= line]
        _, pid = max(before) if before else min(passages)
        return _hit(index, pid, 0.0)


@dataclass
class _Loaded:
    """An index plus what search needs beside it, all in FAISS's internal row order."""
    index: PassageIndex
    row_ids: np.ndarray          # row -> passage id
    row_of: dict                 # passage id -> row
    matrix: np.ndarray           # row -> passage vector (float32; a view of `index`'s FAISS storage)
    bm25: BM25                   # row -> lexical score (over topic, heading and text)
    topic_matrix: np.ndarray     # topic vectors (float32)
    topic_of_row: np.ndarray     # row -> topic index, or len(topic_matrix) for none
    session_of_row: np.ndarray   # row -> session number (one per source file and record)
    sentence_matrix: np.ndarray  # all sentence vectors (float16), rows' sentences contiguous
    sentence_start: np.ndarray   # row -> first sentence in sentence_matrix
    sentence_count: np.ndarray   # row -> number of sentences
    ann: object = None           # the index's IVF candidate finder (large indexes only)
    places: tuple = ()           # the records' places (`地点`), each once
    dates: tuple = ()            # the records' dates, each once

    @classmethod
    def of(cls, index: PassageIndex) -> "_Loaded":
        row_ids, matrix = index.stored_vectors()
        passages = [index.passages[int(p)] for p in row_ids]
        sentence_count = np.array([len(index.sentences[int(p)]) for p in row_ids], dtype=np.int64)
        sentence_start = np.concatenate([[0], np.cumsum(sentence_count)[:-1]]).astype(np.int64)
        block = index.sentence_block
        if block is not None and len(block) == sentence_count.sum() and np.all(np.diff(row_ids) > 0):
            # ids only grow and removals keep order, so FAISS rows are in id order, as is the
            # file the sentence vectors were loaded from: use it as is
            sentence_matrix = block
        else:
            sentence_matrix = (np.concatenate([index.sentences[int(p)] for p in row_ids]) if len(row_ids)
                               else np.zeros((0, index.dim), dtype=np.float16))
        if index.lexical is not None and np.array_equal(index.lexical_ids, row_ids):
            bm25 = BM25(counts=index.lexical)    # stored counts: no tokenizing at start-up
        else:
            if len(passages) > 10_000:
                print(f"StudyQA: counting the keyword terms of {len(passages):,} passages (the index "
                      "keeps none of this StudyQA's kind yet; `studyqa index` stores them)", file=sys.stderr)
            bm25 = BM25([lexical_text(p) for p in passages])
        topics = sorted(index.topics)
        topic_row = {t: i for i, t in enumerate(topics)}
        topic_matrix = (np.stack([index.topics[t] for t in topics]).astype(np.float32) if topics
                        else np.zeros((0, index.dim), dtype=np.float32))
        places = tuple(sorted({p.place for p in passages if p.place}))
        dates = tuple(sorted({p.date for p in passages if p.date}))
        sessions: dict[tuple, int] = {}
        return cls(index=index, row_ids=row_ids, row_of={int(p): r for r, p in enumerate(row_ids)},
                   matrix=matrix, bm25=bm25, ann=index.ann, places=places, dates=dates,
                   topic_matrix=topic_matrix, sentence_matrix=sentence_matrix,
                   sentence_start=sentence_start, sentence_count=sentence_count,
                   topic_of_row=np.array([topic_row.get(p.topic, len(topics)) for p in passages],
                                         dtype=np.int64),
                   session_of_row=np.array([sessions.setdefault((p.source, p.record), len(sessions))
                                            for p in passages], dtype=np.int64))


def _one_of_each_text(index: PassageIndex, scored: list[tuple], dedupe: bool) -> tuple[dict, dict, list[str]]:
    """The same text in several sessions kept once (`dedupe`), at its best score: per text key
    its (fused, passage id, sentence cosines), the other dates it was studied on, and the keys
    best first."""
    best: dict[str, tuple] = {}
    other_dates: dict[str, set] = {}
    order: list[str] = []
    for fused, pid, sentence_cos in scored:
        key = index.keys[pid] if dedupe else str(pid)
        if key in best:
            date = index.passages[pid].date
            if date:
                other_dates[key].add(date)
            continue
        best[key], other_dates[key] = (fused, pid, sentence_cos), set()
        order.append(key)
    return best, other_dates, order


def _around_best_sentence(text: str, sentence_cos: np.ndarray, window: int) -> str:
    """The part of `text` from `window` sentences before its best sentence (the highest of
    `sentence_cos`, one per sentence as indexed) to `window` after it, as written (stripped)."""
    spans = sentence_spans(text)
    if len(spans) != len(sentence_cos):     # a text embedded whole (no sentence ends)
        return text
    best = int(np.argmax(sentence_cos))
    return text[spans[max(0, best - window)][0]:spans[min(len(spans) - 1, best + window)][1]].strip()


def _best_of(sentence_cos: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each candidate's best sentence cosine (its sentences start at `offsets`; no candidates:
    no sentences, and `offsets` is [0])."""
    return np.maximum.reduceat(sentence_cos, offsets) if len(sentence_cos) else sentence_cos


def _shared_with_session(own: np.ndarray, session: np.ndarray) -> np.ndarray:
    """Each candidate's keyword score: OWN_COVERAGE_SHARE of its own, the rest the best of its
    session's candidates (`session`: each candidate's session number)."""
    numbers, of_candidate = np.unique(session, return_inverse=True)
    session_best = np.zeros(len(numbers), dtype=np.float64)
    np.maximum.at(session_best, of_candidate, own)
    return OWN_COVERAGE_SHARE * own + (1 - OWN_COVERAGE_SHARE) * session_best[of_candidate]


# The questions about the sessions themselves, as each language asks them: what was studied (the
# sessions are the answer), when, where or on what topic (their headers are), and whether a question
# is about studying at all (a date or place it names may then be a session's).
_LISTS_SESSIONS = (asks_for_sessions, asks_for_sessions_english, korean.asks_for_sessions_korean,
                   asks_for_sessions_european, asks_for_sessions_japanese)
_ASKS_WHEN_STUDIED = (asks_when_studied, asks_when_studied_english, korean.asks_when_studied_korean,
                      asks_when_studied_european, asks_when_studied_japanese)
_ASKS_ABOUT_SESSION = (asks_about_session, asks_about_session_english, korean.asks_about_session_korean,
                       asks_about_session_european, asks_about_session_japanese)
_MENTIONS_STUDYING = (mentions_studying_english, korean.mentions_studying_korean, mentions_studying_european,
                      mentions_studying_japanese)


def _any_language(checks, text: str) -> bool:
    return any(check(text) for check in checks)


def _foreign_session_date(question: str) -> tuple[dict | None, str]:
    """A session date named in an English, Korean, French, German, Spanish, Russian or Japanese
    question (`What did we study on March 4, 2020?`, `2020년 3월 4일 학습에서…`, `le 4 mars 2020`) as
    zh.split_session_date gives it for a Chinese one: (the filter, the question without the
    date), or (None, the question)."""
    for split in (split_session_date_english, korean.split_session_date_korean,
                  split_session_date_european, split_session_date_japanese):
        written, rest = split(question)
        if written:
            read = date_filter(written)
            return (read, rest) if read else (None, question)
    return None, question


def _why_nothing_passes(loaded: "_Loaded", filters: dict) -> str:
    """Why no passage passes `filters`, with what the records hold instead (their dates, places or
    files); "" when some passage passes."""
    index = loaded.index
    if not len(index):
        return ("索引里还没有段落 the index holds no passages yet: put record files (.txt, .docx) in "
                "seeds/ and run `studyqa index`")
    allowed = _filter_ids(index, **filters)
    if allowed is None or allowed:
        return ""
    date_filter = {k: filters[k] for k in ("date_from", "date_to", "month_day") if filters.get(k)}
    reasons = []
    if date_filter and not any(_date_passes(d, **date_filter) for d in loaded.dates):
        reasons.append(f"没有学习日期在 {_describe_date(date_filter)} 之内的记录 no session falls within "
                       f"{_describe_date(date_filter)}; " + _dates_held(loaded.dates, date_filter))
    sources = sorted({p.source for p in index.passages.values()}) if filters.get("source") else []
    for key, zh, en, held in (("place", "地点", "place", loaded.places), ("source", "文件", "file", sources)):
        if filters.get(key) and not any(filters[key] in value for value in held):
            reasons.append(f"没有{zh}含“{filters[key]}”的记录 no session's {en} contains '{filters[key]}'; "
                           f"记录中的{zh} the records' {en}s: {_some(held)}")
    if not reasons:     # each filter alone lets some through, not all of them together
        reasons.append("没有同时符合这些筛选条件的记录 no session passes all these filters together; "
                       "loosen one of them")
    return "; ".join(reasons)


def _dates_held(dates: tuple, date_filter: dict) -> str:
    """The records' dates as the explanation of an empty date filter gives them: their span and
    the nearest session before and after the filter."""
    if not dates:
        return "记录中没有日期 no record states a date (`时间：2020年3月4日`)"
    held = (f"记录的学习日期 the records' sessions: {format_date_cn(dates[0])}"
            + (f" – {format_date_cn(dates[-1])}" if len(dates) > 1 else "") + f"（{len(dates)} 个日期 dates）")
    if date_filter.get("month_day"):
        return held
    before = [d for d in dates if date_filter.get("date_from") and d < date_filter["date_from"]]
    after = [d for d in dates if date_filter.get("date_to") and d > date_filter["date_to"]]
    nearest = [f"之前 before: {format_date_cn(before[-1])}"] if before else []
    nearest += [f"之后 after: {format_date_cn(after[0])}"] if after else []
    return held + (f"; 最近的 nearest: {', '.join(nearest)}" if nearest else "")


def _some(values, n: int = 8) -> str:
    """Up to `n` of `values`, then how many more."""
    values = list(values)
    shown = "、".join(values[:n])
    return shown + (f" 等 and {len(values) - n} more" if len(values) > n else "")


def _date_alone(question: str) -> dict | None:
    """The date filter of a question that is a date and nothing else, in Chinese (`3月4日`), English
    (`March 4, 2020`) or French, German, Spanish or Russian (`4 mars 2020`); else None."""
    written = date_alone_english(question) or date_alone_european(question)
    return date_filter(written or question.rstrip("？?。.!！ "))


def _session_openings(index: PassageIndex, filters: dict, k: int) -> list[Hit]:
    """The first passage of each session passing the filters: `2020年3月学了什么？`. In date
    order within a date filter; without one, the latest sessions, newest first."""
    allowed = _filter_ids(index, **filters)
    first: dict[tuple, int] = {}
    for pid in (allowed if allowed is not None else index.passages):
        p = index.passages[pid]
        session = (p.source, p.record)
        if session not in first or p.paragraph < index.passages[first[session]].paragraph:
            first[session] = pid
    # a record kept in two files (a copy of the file, a record pasted into another) is one
    # session: same date, same opening text
    copies: dict[tuple, int] = {}
    for pid in sorted(first.values()):
        copies.setdefault((index.passages[pid].date, index.keys[pid]), pid)
    dated = any(filters.get(key) for key in ("date_from", "date_to", "month_day"))
    order = sorted(copies.values(), key=lambda pid: (index.passages[pid].date or "", pid), reverse=not dated)
    return [_with_header(_hit(index, pid, 0.0), index) for pid in order[:k]]


def _header_of(index: PassageIndex, hit: Hit) -> str:
    """A hit's session header: its field lines as the record wrote them (`地点:线上学习`), kept on
    the session's first passage; for an index built before they were kept, the fields as read."""
    first = index.position_lookup().get((hit.source, hit.record, 0))
    return ((index.passages[first].header if first is not None else "")
            or session_header(hit.date, hit.place, hit.format, hit.topic))


def _with_header(hit: Hit, index: PassageIndex) -> Hit:
    """The hit with its session's header line (_header_of) above its text, in bold: the answer to
    `是在哪里学的？`, `哪天学的…？` or `学习主题是什么？` is the record's header, not the passage."""
    header = _header_of(index, hit)
    if header:
        shift = len(header) + 1
        hit.text = f"{header}\n{hit.text}"
        hit.highlights = [(0, len(header))] + [(a + shift, b + shift) for a, b in hit.highlights]
    return hit


def _top(scores: np.ndarray, n: int, positive: bool = False) -> np.ndarray:
    """Indices of the `n` largest scores (unordered); with `positive`, only scores above zero."""
    if len(scores) > n:
        idx = np.argpartition(-scores, n)[:n]
    else:
        idx = np.arange(len(scores))
    return idx[scores[idx] > 0] if positive else idx


def _hit(index: PassageIndex, pid: int, score: float) -> Hit:
    p = index.passages[pid]
    return Hit(text=p.text, score=score, date=p.date, topic=p.topic, place=p.place, source=p.source,
               paragraph=p.paragraph, heading=p.heading, line=p.line, record=p.record,
               format=p.format, id=pid)


def _filter_ids(index: PassageIndex, date_from=None, date_to=None, place=None, source=None,
                month_day=None) -> set[int] | None:
    """Ids passing the filters, or None when no filter is set."""
    if not (date_from or date_to or place or source or month_day):
        return None
    return {pid for pid, p in index.passages.items()
            if _date_passes(p.date, date_from, date_to, month_day)
            and not (place and place not in p.place) and not (source and source not in p.source)}


def _date_passes(date: str | None, date_from=None, date_to=None, month_day=None) -> bool:
    """Whether a session date passes a date filter (no filter: every date; an undated session
    passes no filter)."""
    if not (date_from or date_to or month_day):
        return True
    if not date:
        return False
    if date_from and date < date_from or date_to and date > date_to:
        return False
    # a day every year (3, 4), or a part of a month every year (3, 11, 20)
    return not month_day or (int(date[5:7]) == month_day[0]
                             and month_day[1] <= int(date[8:10]) <= month_day[-1])


def _describe_date(f: dict) -> str:
    """A date filter (`date_from`/`date_to`, or `month_day`: every year) as the page shows it."""
    if f.get("month_day") and len(f["month_day"]) == 3:
        return "每年 every year %d月%d日–%d日" % f["month_day"]
    if f.get("month_day"):
        return "每年 every year %d月%d日" % f["month_day"]
    return f"{f.get('date_from') or '…'} – {f.get('date_to') or '…'}"


def _iso_or_none(value, name: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    iso = parse_date(str(value))
    if iso is None:
        raise ValueError(f"{name} '{value}' is not a date; write it like 2020-03-04 or 2020年3月4日")
    return iso


_searchers: dict[tuple, Searcher] = {}
_searchers_lock = threading.Lock()


def get_searcher(index_dir: Path | str | None = None, seeds_dir: Path | str | None = None,
                 model: str | None = None) -> Searcher:
    """A cached Searcher per (index, seeds, model), so the model is loaded once per process."""
    index_dir = Path(index_dir) if index_dir else default_index_dir()
    # An explicit index_dir is used as given; only the default index is built from seeds/ on demand.
    if seeds_dir is None and index_dir == default_index_dir():
        seeds_dir = seeds_dir_for(index_dir)
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
