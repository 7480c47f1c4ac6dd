"""Question -> Hits. Loads the index (building it from seeds/ on first use) and the model once."""
from __future__ import annotations

import os
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings.query_adapter import adapt_query

from . import korean, zh
from .crosslingual import (asks_about_a_term_english, asks_for_outline_english, first_or_last_studied_english, lexicon,
                           names_no_text_english, part_asked_english, term_alone, term_words, term_written)
from .european import ordinal_units
from .japanese import is_japanese
from .cues import LIST_ITEM_WEIGHT, answer_cues, item_asked
from .filters import DATE_KEYS, come_by_today, date_range, filter_ids, why_nothing_passes
from .highlight import highlights, with_term
from .lexical import BM25, lexical_text
from .lists import items_to_add, lift_items, place_opened
from .outline import structure_asked
from .records import UnreadableFile, read_text_file
from .reorder import DEFAULT_RERANKER, order_best_again
from .sessions import SessionRow, first_passages, list_sessions, sessions_holding
from .store import (ModelMismatch, PassageIndex, manifest_stamp, rebuild_command, recorded_seeds_dir,
                    stale_model_build)
from .types import Hit
from .understand import (ASKS_ABOUT_SESSION, ASKS_WHEN_STUDIED, LISTS_SESSIONS, MAX_QUESTION_CHARS, Understood,
                         any_language, as_the_records_write, asks_of_the_header, read_filters)
from .zh import (asks_for_outline, asks_for_sessions, cjk_share, days_of, first_or_last_studied, keyword_share,
                 keywords_of, latin_written_out, names_no_text, other_forms, part_or_list_item, session_header,
                 session_named_by, spoken_forms, studied_term, without_outline_words, written_otherwise)


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
# The occasion a question is asked within (`在军事医学研究院和清华调研时，`, `部署会议讲话中，`: zh.text_scope)
# says which text, not which paragraph: its words count in the session's part of the keyword score,
# not in a passage's own (else the speech's opening, which names the occasion, outscored the answer).
# 27 of the 2,060 set questions have one (stop 58): first hits on the seed records 22 -> 25, top 5
# 27 -> 27; among the scale records 22 -> 24, top 5 27 -> 26 (`h5-mourn` 5 -> out of the top 10).
SCOPE_APART = True
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
# Everyday words read as the records write them (zh.spoken_forms, data/spoken_forms.tsv): off
# (False) for measuring without them.
SPOKEN_FORMS = True
# The dense leg is scored twice, with the question's vector and with it moved by the query
# adapter (embeddings/query_adapter.py, trained on CMRC 2018 to pick the answering sentence among
# a passage's sentences); each cosine is the mean of the two at this share of the adapted one.
# The adapted cosines spread four times wider, so at 0.5 they order the candidates most, while
# the keyword weights keep their place beside the halved plain cosines. First hits on six Chinese
# sets (docs/measurements.md), seed / scale records: 228 / 200 without it; 0.3: 233 / 199; 0.5:
# 235 / 201; 0.7: 235 / 195; 1.0: 234 / 189 (the look-alike records it was not trained on).
ADAPTED_QUERY_WEIGHT = 0.5
# A question asking where, how or on what topic a session was held shows each session once, its
# best passage under its header; hits are taken SESSION_SPREAD times the number asked for, so that k
# sessions remain where a session has several good passages. Among the scale records the set
# questions asking so gain 4 top-5 hits, none lost (docs/measurements.md, stop 45).
SESSION_SPREAD = 4
# A question about a session (when, where, how it was studied) naming it by what it studied
# (`习近平在部署会议上的讲话是哪天学的？`) adds this to the passages of the sessions (or later texts) whose
# topic holds three quarters of that name's bigrams (zh.topic_holds), over a session whose text only
# mentions it (`…我还主持召开…中央全面深化改革委员会会议` for `学习深改委会议是在哪学的？`). Both of those
# answered the wrong session before (stop 58); 0.1 put one right, 0.2 and 0.3 both. Of the 69 set
# questions asking so, all first on the seed records at 0–0.3; among the scale records 55 → 56 first
# (`b6-meta-mode-0304`) at 0.1 and 0.3 alike, `m2-date-reform-0304` into the top 10. A question asked
# within an occasion a topic names (`部署会议讲话中，…`: zh.text_scope) names the session so too: of the 27
# set questions with such a clause, 25 -> 26 first on the seed records at 0.3 (none at 0.05, 0.1),
# 24 / 26 -> 25 / 27 among the scale records at 0.1 and 0.3 (`h5-mourn` out of the top 10 -> first).
NAMED_TOPIC_WEIGHT = 0.3
# A meeting or speech a question mentions anywhere (`…，深改委会议要求采取什么行动？`, `部署会议要求…`:
# zh.meetings_mentioned; not after 除了) adds this where a session's topic names it: weaker evidence
# than a name the question asks the session by. Of the 286 set questions mentioning a meeting or
# speech (stop 58), 0.05 puts 2 more first on the seed records and 4 more among the scale records
# (`b9-shortfall`, `e-cpc-capacity-layout`, `g-dep-early-cure`, `li-econ-6`), losing none; 0.1 loses
# `h6-2707` among the scale records (`座谈会召开时…`), 0.03 gains one on the seed records.
MENTION_WEIGHT = 0.05
# Candidates taken from each leg before fusion; exact scores are then computed for all of them.
CANDIDATES = 100
# `讲话分为哪几个部分？`: the best hits whose speeches may be the one meant
STRUCTURE_CANDIDATES = 10
# `讲话的第二部分讲了什么？`: at most this many of the part's paragraphs (the page's most results)
PART_PARAGRAPHS = 50
MODES = ("hybrid", "dense", "lexical")
# `How many times did we study grid management?`: the Chinese term is read from at most this many
# of the passages holding a translation of each word, spread over the collection
TERM_TEXTS = 1000


class _Clock:
    """Seconds spent in each step of a search (read by bench/ through Searcher.last_timings)."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


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
        `dates_from_question` is False; rag/understand.py)."""
        loaded = self._current()
        return read_filters(question, date_from, date_to, place, source, dates_from_question,
                            loaded.dates, loaded.places, date_places=loaded.date_places,
                            days_held=loaded.days_held, date_topics=loaded.date_topics)

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
        if question is not None and not isinstance(question, str):
            raise TypeError(f"the question is text (str), not {type(question).__name__}"
                            + (" (decode it first: question.decode('utf-8'))" if isinstance(question, bytes) else ""))
        question = (question or "").strip()
        k = _whole_count(k)
        if not question or k <= 0:
            return [], Understood({}, None)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
        clock = _Clock()
        loaded = self._current()
        cut_from = len(question) if len(question) > MAX_QUESTION_CHARS else 0
        question = question[:MAX_QUESTION_CHARS].strip() if cut_from else question
        typed, question = question, lexicon().simplify(question)
        # A Japanese question's dates and order words are read as typed (`先週`, `学習`, `2023年以降`: in
        # simplified characters its reader knew none of them), and its content in simplified ones, as
        # the records write them (幹部 as 干部); it is not said to be traditional Chinese.
        def read(text: str) -> Understood:
            return read_filters(text, date_from, date_to, place, source, dates_from_question, loaded.dates,
                                loaded.places, date_places=loaded.date_places, days_held=loaded.days_held,
                                date_topics=loaded.date_topics)
        japanese = is_japanese(typed)
        understood = read(typed if japanese else question)
        if japanese:
            if not _read_a_date(understood) and question != typed:
                # `2020年3月4日に學んだ`: old forms (學) the Japanese reader does not know either
                again = read(question)
                understood = again if _read_a_date(again) else understood
            understood.content = lexicon().simplify(understood.content)
        understood.cut_from = cut_from
        if question != typed and not japanese:
            understood.simplified = question
        clock.lap("load")
        nothing_else = understood.from_question and understood.content == question   # `3月4日那次学习`
        if nothing_else or asks_for_sessions(understood.content) or (
                (understood.from_question or understood.place_from_question)
                and any_language(LISTS_SESSIONS, understood.content)):
            understood.sessions = True
            hits, understood.sessions_found = _session_openings(loaded.index, understood.filters, k)
            if not hits:
                understood.nothing_passes = why_nothing_passes(loaded.index, loaded.dates, loaded.places,
                                                                understood.filters)
            clock.lap("rest")
            self.last_timings = clock.laps
            return hits, understood
        # `讲话分为哪几个部分？`: the speech is found by what the question names of it, and outlined;
        # `讲话的第二部分讲了什么？`: and that part of it is given, in order
        outline = asks_for_outline(understood.content) or asks_for_outline_english(understood.content)
        part_wanted = None if outline else (part_or_list_item(understood.content) or part_asked_english(understood.content))
        if outline:
            understood.content = without_outline_words(understood.content)
        elif part_wanted:
            part_wanted, understood.content = part_wanted
        translated, pseudo, english_words = None, "", None
        understood.content, latin = latin_written_out(understood.content)      # `CDC体系` -> `疾病预防控制体系`
        searched = understood.content      # what passages are matched on
        if mode == "hybrid" and cjk_share(understood.content) < 1:
            # English words: their Chinese translations, how much of them each passage holds, and
            # the commonest translation of each as a Chinese view of the question (a question in
            # another language: only its numbers, its words are left to the model; a Korean one
            # also its Sino-Korean syllables, read back as the bigrams they stand for)
            units = lexicon().units(understood.content, holds=lambda word: loaded.bm25.rows_holding(word).size > 0)
            if korean.has_hangul(understood.content):
                units = units + korean.units(understood.content, loaded.bm25.present_bigrams)
            elif not lexicon().reads_as_english(understood.content):
                units = units + ordinal_units(understood.content)     # `douzième` -> 第十二
            translated, found = loaded.bm25.unit_coverage(units)
            english_words = units, found
            as_terms = " ".join(word for unit, words in zip(units, found) if not unit.is_number
                                for word in words[:TRANSLATIONS_AS_TERMS])
            if as_terms:
                translated = translated + TRANSLATION_TERMS_SHARE * loaded.bm25.match(as_terms)[1]
            understood.translations = [(u.english, words[:3]) for u, words in zip(units, found)]
            pseudo = " ".join(words[0] for u, words in zip(units, found)
                              if words and not u.is_number)
            alone = term_alone(understood.content, units, found)
            if not alone and lexicon().reads_as_english(understood.content) \
                    and asks_about_a_term_english(understood.content):
                # `When did we study grid management?`: the term as the records write it (网格化管理,
                # which 网格 and 管理 each are not), so that the dates said are of sessions holding it
                alone = _term_written(loaded, term_words(units, found))
            if alone:
                # `Belt and Road`, `When did we study rural revitalization?`: a term alone is
                # matched as the records write it (一带一路); in English the sentence model places
                # it near any closing paragraph of a report, and 2,000 passages hold it alike
                searched, translated, pseudo = alone, None, ""
                understood.term_alone = alone
        clock.lap("translation")
        # `…重点工作里，第二点是什么？`: the item asked for (as _search reads it), for the page to say
        if mode == "hybrid" and not (outline or part_wanted):
            understood.list_item, understood.list_size = item_asked(searched)
        # 深改委 in the question, 中央全面深化改革委员会 in the records (zh.ABBREVIATIONS)
        forms = other_forms(searched) if mode == "hybrid" else {}
        understood.other_forms = latin + list(forms.items())
        # 看病 in the question, 就医 in the records (zh.spoken_forms): matched and embedded both ways
        # (not a Japanese question's kanji: 病人 there is no everyday Chinese word)
        spoken = spoken_forms(searched) if mode == "hybrid" and SPOKEN_FORMS and not japanese else {}
        understood.spoken_forms = list(spoken.items())
        forms = {**forms, **spoken}
        # "3月4日那次学习" became a filter: match passages on the rest of the question only
        either = understood.filters.get("either")
        topic_cues = _topic_cues(loaded, understood, searched, forms) if mode == "hybrid" else ()
        # a speech's layout asked of no speech in particular: the speech is chosen among the best
        # STRUCTURE_CANDIDATES, whatever k; a question asking where, how or on what topic keeps one
        # hit of each session (below), so it takes more to keep k
        # (`3月11日那次集中学习是线下开会还是网上进行的？`: the date named the session, and took the word
        # of studying with it; how it was held is still asked of the session)
        held_how = bool(understood.from_question) and zh.asks_how_held(understood.content)
        each_session_once = asks_of_the_header(understood.content) or held_how
        wanted = (max(k, STRUCTURE_CANDIDATES) if outline or part_wanted
                  else SESSION_SPREAD * k if each_session_once else k)
        if either:
            # `3月4日和3月11日的学习都讲了…`: each date listed is searched, and its best hit shown
            per_date = [self._search(loaded, searched, translated, pseudo, forms, wanted,
                                     {**understood.filters, "either": None, **one}, dedupe, mode, clock, topic_cues)
                        for one in either]
            hits = _each_date_first(per_date, wanted, loaded.index if dedupe else None)
        else:
            hits = self._search(loaded, searched, translated, pseudo, forms, wanted, understood.filters,
                                dedupe, mode, clock, topic_cues)
        content = understood.content
        if any_language(ASKS_WHEN_STUDIED, content):
            understood.studied_on = sorted({d for h in hits for d in [h.date, *h.also_dates] if d})
            # `最近一次学习X是哪天？`, `When did we first study X?`: the last or first of them, said apart
            which = first_or_last_studied(content) or first_or_last_studied_english(content)
            if understood.studied_on and which < 0:
                understood.studied_last = understood.studied_on[-1]
            elif understood.studied_on and which > 0:
                understood.studied_first = understood.studied_on[0]
        # `网格化管理学过几次？`, `我们学过哪些关于生物安全的内容？`: every session whose text or topic
        # holds the term as written, counted and dated
        term = (studied_term(content, held=lambda term: bool(sessions_holding(loaded.index, term, {})))
                if cjk_share(content) >= 0.5 else None)
        if (term is None and english_words and lexicon().reads_as_english(content)
                and asks_about_a_term_english(content)):
            # `How many times did we study grid management?`: the term as the records write it
            term = _term_written(loaded, term_words(*english_words))
        if term:
            understood.term = term
            # 深改委 asked, 中央全面深化改革委员会 written: a session holding either counts
            also = tuple(term.replace(form, other) for form, other in other_forms(term).items())
            understood.term_dates = sessions_holding(loaded.index, term, understood.filters, also)
            understood.term_also = tuple(a for a in also if a != term)
            which = first_or_last_studied(content) or first_or_last_studied_english(content)
            held = come_by_today(understood.term_dates)
            if which and held:
                # the first or last of every session holding it, not of the few passages found
                understood.studied_last, understood.studied_first = (held[-1], "") if which < 0 else ("", held[0])
            for hit in hits:
                hit.highlights = with_term(hit.text, hit.highlights, term)
        if (outline or part_wanted) and hits:
            unnamed = names_no_text(content) or names_no_text_english(content)
            understood.outline, understood.part, understood.no_such_part = structure_asked(
                loaded.index, hits, outline, part_wanted, unnamed, content)
        if understood.part is not None:
            # the part asked for is read whole: its paragraphs in order, whatever k, under its heading
            hits = [_hit(loaded.index, pid, 0.0) for pid in understood.part.passage_ids[:PART_PARAGRAPHS]]
            if hits:
                hits[0] = _under_heading(hits[0], understood.part.heading)
        elif understood.outline is not None and understood.outline.parts():
            # `讲话分为哪几个部分？`: each part's first paragraph, in order, under its heading
            hits = _part_openings(loaded.index, understood.outline)[:k]
        else:
            if each_session_once:
                hits = _one_per_session(hits)
            hits = hits[:k]
        if any_language(ASKS_ABOUT_SESSION, content) or held_how:
            hits = [_with_header(hit, loaded.index) for hit in hits]   # when, where or how: the header answers
        if not hits:
            understood.nothing_passes = why_nothing_passes(loaded.index, loaded.dates, loaded.places,
                                                                understood.filters)
        return hits, understood

    def _search(self, loaded: "_Loaded", question: str, translated: np.ndarray | None, pseudo: str, forms: dict,
                k: int, filters: dict, dedupe: bool, mode: str, clock: _Clock, topic_cues: tuple = ()) -> list[Hit]:
        """The steps of "How it works" (README): the question's vector and keyword scores,
        candidates from both legs, their fused scores, one of each text, the best few put in
        order again token by token and by the reranker, then the hits with their highlights."""
        index = loaded.index
        if not len(index):
            return []
        allowed = filter_ids(index, **filters)
        if allowed is not None and not allowed:
            return []
        clock.lap("load")
        # 深改委 asked, 中央全面深化改革委员会 written (看病 asked, 就医 written): the question written
        # the other way too, embedded beside it at the same weight (at half, everyday words gained less:
        # docs/measurements.md, stop 55)
        other = written_otherwise(question, forms) if forms else None
        query = self._question_vector(question, pseudo, other)
        clock.lap("query_encoding")
        keywords = keywords_of(question)
        lexical, chinese_keywords, bm25 = self._keyword_scores(loaded, question, keywords, translated, forms,
                                                               other, mode)
        own_keywords = chinese_keywords
        scope = zh.text_scope(question) if mode == "hybrid" and SCOPE_APART else None
        if scope is not None:
            unscoped = question[:scope[0]] + question[scope[1]:]
            own_keywords = self._keyword_scores(loaded, unscoped, keywords_of(unscoped), None, forms,
                                                written_otherwise(unscoped, forms) if forms else None, mode)[1]
        dense_weight = 0.0 if mode == "lexical" else 1.0
        clock.lap("lexical_search")
        rows = self._candidates(loaded, query, lexical, bm25, translated, allowed, dense_weight)
        # an item asked for by its place in a list (`第二点是什么？`): each candidate list's item too
        # (`dense` and `lexical` mode are the legs alone; their highlights still show the item)
        place_asked, size_asked = item_asked(question)
        item = place_asked if mode == "hybrid" else 0
        if item:
            added = items_to_add(index.numbered_lists(), loaded.row_ids[rows].tolist(), item)
            added = [loaded.row_of[pid] for pid in added if allowed is None or pid in allowed]
            rows = np.union1d(rows, np.asarray(added, dtype=np.int64))
        clock.lap("vector_search")
        scored, measured = self._fused_scores(loaded, question, query, rows, lexical, chinese_keywords,
                                              dense_weight, mode, topic_cues, own_keywords)
        clock.lap("fusion")
        best, other_dates, order = _one_of_each_text(index, scored, dedupe)
        if mode == "hybrid" and hasattr(self.encoder, "token_vectors"):
            order, read = order_best_again(self.encoder, question, order, best, loaded, rows, measured,
                                           self.reranker, self.foreign_reranker)
            if read is not None:
                self.last_rerank = read     # what scripts/train_reranker.py fits on
        if item:
            order = lift_items(order, best, index.numbered_lists(), item, LIST_ITEM_WEIGHT, size_asked)
        clock.lap("token_match")
        hits = []
        for key in order[:k]:
            fused, pid, sentence_cos = best[key]
            hit = _hit(index, pid, fused)
            # (an item counted from the end: its place from the start, which its opening says)
            place = place_opened(index.numbered_lists(), pid, place_asked) if place_asked < 0 else place_asked
            hit.highlights = highlights(hit.text, sentence_cos, keywords, question, item=place)
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
                      mode: str, topic_cues: tuple = (), own_keywords: np.ndarray | None = None) -> tuple[list[tuple], dict]:
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
            mine = own if own_keywords is None else own_keywords[rows]
            lexical_rows = lexical_rows - own + _shared_with_session(own, loaded.session_of_row[rows], mine)
        fused = dense_weight * dense + lexical_rows
        cues = answer_cues(question) if mode == "hybrid" else []
        if cues:
            texts = [index.passages[int(pid)].text for pid in loaded.row_ids[rows]]   # once for all cues
            for weight, states in cues:
                fused = fused + weight * np.fromiter(map(states, texts), dtype=np.float64, count=len(texts))
        if topic_cues and len(rows):
            # the sessions (or later texts) whose topic is what the question names (a session by what it
            # studied, the occasion it is asked within) or mentions (a meeting, a speech)
            for weight, by_topic in topic_cues:
                holds = by_topic[loaded.topic_of_row[rows]]
                if holds.any() and not holds.all():
                    fused = fused + weight * holds
        scored = sorted(((float(fused[i]), int(loaded.row_ids[row]),
                          sentence_cos[offsets[i]:offsets[i] + counts[i]])
                         for i, row in enumerate(rows.tolist())), key=lambda t: -t[0])
        return scored, measured

    def sessions(self, date_from: str | None = None, date_to: str | None = None, place: str | None = None,
                 source: str | None = None, holding: str | None = None) -> list[SessionRow]:
        """Every session the index holds, one row each (date, place, format, topic, file, line,
        passages), by date; filtered as `search` is (dates as `2020-03-04` or `2020年3月4日`).
        `holding`: only the sessions whose text or topic holds that term as written (typed in
        traditional characters, it is read in simplified ones); line and passages are then where
        and how often it stands there."""
        term = lexicon().simplify((holding or "").strip()) or None
        place = as_the_records_write(place, self._current().places)      # `qq` for QQ线上
        return list_sessions(self.index, *date_range(date_from, date_to), place,
                             (source or "").strip() or None, term)

    def neighbours(self, hit: Hit) -> tuple[Hit | None, Hit | None]:
        """The paragraphs just before and after a hit in its session (None at either end)."""
        index = self.index
        _check_current(index, hit)
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
        _check_current(index, hit)
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

    def record_at(self, source: str, line: int, part: int = 0) -> dict:
        """The session holding line `line` of an indexed file (passage_at), as plain data:
        {"header", "at", "passages"}, as `studyqa show --json` prints it and the page's `/record`
        API returns it."""
        at = self.passage_at(source, line, part)
        return {"header": self.header_of(at), "at": at.to_dict(),
                "passages": [p.to_dict() for p in self.session_passages(at)]}

    def passage_at(self, source: str, line: int, part: int = 0) -> Hit:
        """The passage holding line `line` of an indexed file (`source`: its path in the seeds
        folder as `studyqa ask` prints it, `记录.txt:175`, the end of that path, or a longer path
        to the file, or one from the folder it is run in: `./记录.txt`). A line of a record's title
        or header gives that record's first passage; a line before the first passage the first one.
        A long paragraph's pieces: the first starting on that line, or piece `part` of it (`a.txt:57
        (该段第2部分 part 2 of the paragraph)`, as a hit's `where` says)."""
        index = self.index
        sources = sorted({p.source for p in index.passages.values()})
        seeds = seeds_dir_for(self.index_dir, self.seeds_dir)
        source = source.replace("\\", "/")
        if source.startswith(("./", "../")) or Path(source).is_absolute():
            try:        # a path from the folder the command runs in, or a full one
                source = Path(os.path.abspath(source)).relative_to(seeds.resolve()).as_posix()
            except ValueError:
                source = re.sub(r"^(?:\./)+", "", source)
        # as indexed, its end (`2021/记录.txt` as `记录.txt`), or a longer path to it (`seeds/记录.txt`)
        matching = ([s for s in sources if s == source] or [s for s in sources if s.endswith("/" + source)]
                    or [s for s in sources if source.endswith("/" + s)])
        if len(matching) != 1:
            names = "、".join(sources[:5]) + (f" and {len(sources) - 5} more" if len(sources) > 5 else "")
            what = "matches several files" if matching else "is not an indexed file"
            raise ValueError(f"'{source}' {what}; the index holds {len(sources)} file(s): {names or 'none'}")
        passages = [(p.line, pid) for pid, p in index.passages.items() if p.source == matching[0]]
        text_lines = _text_file_lines(seeds / matching[0])
        if line > max(passages)[0] and text_lines is not None and line > len(text_lines):
            raise ValueError(f"'{matching[0]}' has {len(text_lines)} lines; line {line} is past its end")
        if text_lines is not None and 1 <= line <= len(text_lines) and _opens_a_record(text_lines, line):
            # `时间：2020年3月11日` (found by grep -n): the record it heads, not the one before
            after = [entry for entry in passages if entry[0] > line]
            if after:
                return _hit(index, min(after)[1], 0.0)
        if part:
            piece = [pid for at, pid in passages if at <= line and index.passages[pid].part == part]
            if piece:
                return _hit(index, max(piece, key=lambda pid: (index.passages[pid].line, -pid)), 0.0)
        before = [entry for entry in passages if entry[0] <= line]
        # (on a line several pieces start on, the first of them)
        _, pid = max(before, key=lambda entry: (entry[0], -entry[1])) if before else min(passages)
        return _hit(index, pid, 0.0)


class StaleHit(ValueError):
    """A hit found in an earlier build of the index, whose file has changed since."""


def _check_current(index: PassageIndex, hit: Hit) -> None:
    """A hit found before a rebuild changed its file names other paragraphs by its position now:
    said, rather than the wrong paragraphs given as its context."""
    if hit.id < 0:
        return
    p = index.passages.get(hit.id)
    if p is None or (p.source, p.record, p.paragraph, p.line, p.part) != (
            hit.source, hit.record, hit.paragraph, hit.line, hit.part):
        raise StaleHit(f"{hit.where} was found in an earlier build of the index; its file has changed "
                         f"since, so search again for its context")


def _text_file_lines(path: Path) -> list[str] | None:
    """The lines of a plain-text record (`.txt`, `.md`) in the seeds folder, as the reader splits
    them; None for other files (their lines are paragraphs as read, and reading a PDF again is
    slow) or one not there."""
    if path.suffix.lower() not in (".txt", ".md") or not path.is_file():
        return None
    try:
        lines = read_text_file(path).split("\n")      # (not splitlines: a form feed ends no line here)
    except (UnreadableFile, OSError):
        return None
    return lines[:-1] if lines and not lines[-1] else lines


def _opens_a_record(lines: list[str], line: int) -> bool:
    """Whether line `line` (1-based) is a record's title or one of the header fields under it, up
    to its first line of text (or, in records kept without titles, a run of fields holding a
    date): such a line belongs to the record it opens."""
    dated = False
    for number in range(line, 0, -1):
        text = lines[number - 1]
        if not text.strip():
            continue
        if zh.is_title_line(text) or zh.may_be_title_line(text):
            return True
        fields = zh.match_fields(text)
        if not fields or fields[0][0] == "content":
            return dated and number != line
        dated = dated or any(name == "date" for name, _ in fields)
    return dated


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
    date_places: tuple = ()      # each session's (date, place), once
    days_held: tuple = ()        # the later days of sessions held over several days, each once
    date_topics: tuple = ()      # each session's (date, topic), once
    topic_names: tuple = ()      # the topics topic_matrix holds the vectors of, in its order
    topic_bigrams: tuple = ()    # each of those topics' bigrams (zh.topic_bigrams), for the topic cues

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
        # a session's later texts are matched on their own opening, not on the topic naming its first
        # (outline.later_text_openings); an index built before keeps the session topic until reindexed
        openings = index.text_openings()
        topic_of = [topic_row.get(openings.get(int(pid)), topic_row.get(p.topic, len(topics)))
                    for pid, p in zip(row_ids, passages)]
        topic_matrix = (np.stack([index.topics[t] for t in topics]).astype(np.float32) if topics
                        else np.zeros((0, index.dim), dtype=np.float32))
        places = tuple(sorted({p.place for p in passages if p.place}))
        dates = tuple(sorted({p.date for p in passages if p.date}))
        date_places = tuple(sorted({(p.date, p.place) for p in passages if p.date}))
        days_held = tuple(sorted({day for p in passages if p.date_end for day in days_of(p.date, p.date_end)[1:]}))
        date_topics = tuple(sorted({(p.date, p.topic) for p in passages if p.date and p.topic}))
        sessions: dict[tuple, int] = {}
        return cls(index=index, row_ids=row_ids, row_of={int(p): r for r, p in enumerate(row_ids)},
                   matrix=matrix, bm25=bm25, ann=index.ann, places=places, dates=dates, date_places=date_places,
                   days_held=days_held, date_topics=date_topics, topic_names=tuple(topics),
                   topic_bigrams=tuple(zh.topic_bigrams(t) for t in topics),
                   topic_matrix=topic_matrix, sentence_matrix=sentence_matrix,
                   sentence_start=sentence_start, sentence_count=sentence_count,
                   topic_of_row=np.array(topic_of, dtype=np.int64),
                   session_of_row=np.array([sessions.setdefault((p.source, p.record), len(sessions))
                                            for p in passages], dtype=np.int64))


def _topic_cues(loaded: "_Loaded", understood: Understood, searched: str, forms: dict) -> tuple:
    """What the question names or mentions a session by, as (weight, whether each topic holds it:
    one bool per topic of `loaded.topic_names`, and False for a passage with no topic) for
    _fused_scores; sets `understood.session_named` when some sessions' topic holds the name and not
    all. Each topic's bigrams are read once, at load (`_Loaded.topic_bigrams`)."""
    content = understood.content
    # `习近平在部署会议上的讲话是哪天学的？`, `学习深改委会议是在哪学的？`: the session is named by what it
    # studied, and a session whose topic is that, not one whose text mentions it, answers
    named = (session_named_by(content) if cjk_share(content) == 1 and (
        any_language(ASKS_ABOUT_SESSION, content) or any_language(ASKS_WHEN_STUDIED, content)) else "")
    # `部署会议讲话中，总书记向哪些人表达了哀思？`: a question asked within an occasion names it by that too
    scope = zh.text_scope(searched) if not named else None
    if scope:
        named = zh.scope_named(searched[scope[0]:scope[1]])
    variants = _named_variants(named, forms)
    named_by_topic = _topics_holding(loaded, variants)
    if named_by_topic[:-1].any() and not named_by_topic[:-1].all():
        understood.session_named = named
    # `深改委会议要求采取什么行动？`: a meeting or speech the question mentions, where a topic names it
    mentioned = (() if named or cjk_share(searched) < 1 else
                 tuple(v for meeting in zh.meetings_mentioned(searched) for v in _named_variants(meeting, forms)))
    return tuple((weight, by_topic) for weight, names, by_topic in (
        (NAMED_TOPIC_WEIGHT, variants, named_by_topic),
        (MENTION_WEIGHT, mentioned, _topics_holding(loaded, mentioned) if mentioned and MENTION_WEIGHT else None))
        if names and weight)


def _topics_holding(loaded: "_Loaded", names: tuple[str, ...]) -> np.ndarray:
    """Per topic of `loaded.topic_names`, whether it holds one of `names` (zh.bigrams_hold), and a
    last False for the passages with no topic (topic_of_row's len(topic_names))."""
    wanted = [zh.topic_bigrams(name) for name in names]
    return np.array([any(zh.bigrams_hold(held, w) for w in wanted) for held in loaded.topic_bigrams] + [False],
                    dtype=bool)


def _named_variants(named: str, forms: dict) -> tuple[str, ...]:
    """What a session question names the session by, also with its short forms written out
    (`深改委会议`: 中央全面深化改革委员会会议), as topics write them."""
    if not named:
        return ()
    return (named, *(named.replace(form, other) for form, other in forms.items()
                     if isinstance(other, str) and form in named))


def _read_a_date(understood: Understood) -> bool:
    """Whether the question gave a date or a session's order (or one no session falls on)."""
    return bool(understood.from_question or understood.unmatched_date or understood.session_order is not None
                or understood.sessions_counted is not None or understood.relative)


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


def _best_of(sentence_cos: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each candidate's best sentence cosine (its sentences start at `offsets`; no candidates:
    no sentences, and `offsets` is [0])."""
    return np.maximum.reduceat(sentence_cos, offsets) if len(sentence_cos) else sentence_cos


def _shared_with_session(own: np.ndarray, session: np.ndarray, mine: np.ndarray | None = None) -> np.ndarray:
    """Each candidate's keyword score: OWN_COVERAGE_SHARE of its own, the rest the best of its
    session's candidates (`session`: each candidate's session number). `mine`, where given, is
    the own part instead (the question without the occasion it is asked within: SCOPE_APART)."""
    numbers, of_candidate = np.unique(session, return_inverse=True)
    session_best = np.zeros(len(numbers), dtype=np.float64)
    np.maximum.at(session_best, of_candidate, own)
    return OWN_COVERAGE_SHARE * (own if mine is None else mine) + (1 - OWN_COVERAGE_SHARE) * session_best[of_candidate]


def _one_per_session(hits: list[Hit]) -> list[Hit]:
    """Each session's best hit, in order: a question asking where, how or on what topic it was
    studied is answered by a session's header, which its other passages would only repeat."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for hit in hits:
        if (hit.source, hit.record) not in seen:
            seen.add((hit.source, hit.record))
            kept.append(hit)
    return kept


def _each_date_first(per_date: list[list[Hit]], k: int, index: PassageIndex | None = None) -> list[Hit]:
    """The hits of several dates' searches (dates listed in the question) as one list: each date's
    best hit first, so that every date shows, then the rest by score; a passage once, and with
    `index` a text once, as within one search: the same text found on two of the dates is one
    hit, the other date among its `also_dates`."""
    firsts = sorted((hits[0] for hits in per_date if hits), key=lambda h: -h.score)
    rest = sorted((h for hits in per_date for h in hits[1:]), key=lambda h: -h.score)
    merged, kept = [], {}
    for hit in firsts + rest:
        key = index.keys[hit.id] if index is not None else hit.id
        if key not in kept:
            kept[key] = hit
            merged.append(hit)
        elif kept[key].id != hit.id:
            same = kept[key]
            same.also_dates = sorted({*same.also_dates, *hit.also_dates, hit.date} - {same.date, None})
    return merged[:k]


def _session_openings(index: PassageIndex, filters: dict, k: int) -> tuple[list[Hit], int]:
    """The first passage of each session passing the filters: `2020年3月学了什么？`. In date
    order within a date filter; without one, the latest sessions, newest first. And how many
    sessions pass (`2024年一共学习了多少次？` is answered by that number)."""
    firsts = [first for first, _ in first_passages(index, filter_ids(index, **filters)).values()]
    # a record kept in two files (a copy of the file, a record pasted into another) is one
    # session: same date, same opening text
    copies: dict[tuple, int] = {}
    for pid in sorted(firsts):
        copies.setdefault((index.passages[pid].date, index.keys[pid]), pid)
    dated = any(filters.get(key) for key in DATE_KEYS)
    order = sorted(copies.values(), key=lambda pid: (index.passages[pid].date or "", pid), reverse=not dated)
    return [_with_header(_hit(index, pid, 0.0), index) for pid in order[:k]], len(order)


def _header_of(index: PassageIndex, hit: Hit) -> str:
    """A hit's session header: its field lines as the record wrote them (`地点:线上学习`), kept on
    the session's first passage; for an index built before they were kept, the fields as read."""
    first = index.position_lookup().get((hit.source, hit.record, 0))
    return ((index.passages[first].header if first is not None else "")
            or session_header(hit.date, hit.place, hit.format, hit.topic, hit.date_end))


def _with_header(hit: Hit, index: PassageIndex) -> Hit:
    """The hit with its session's header line (_header_of) above its text, in bold: the answer to
    `是在哪里学的？`, `哪天学的…？` or `学习主题是什么？` is the record's header, not the passage."""
    header = _header_of(index, hit)
    return _under_heading(hit, header) if header else hit


def _under_heading(hit: Hit, heading: str) -> Hit:
    """The hit with a line above its text, in bold, its highlights moved down: a session's header
    (_with_header) or a section's heading (passages carry their heading as context, not as text)."""
    shift = len(heading) + 1
    hit.text = f"{heading}\n{hit.text}"
    hit.highlights = [(0, len(heading))] + [(a + shift, b + shift) for a, b in hit.highlights]
    return hit


def _part_openings(index: PassageIndex, outline) -> list[Hit]:
    """The first passage of each part of an outlined speech (rag/outline.py), in order, each under
    its heading."""
    wanted = {line: heading for heading, line in outline.headings if outline.is_part(heading)}
    first: dict[int, int] = {}
    for pid, passage in index.passages.items():
        if passage.source == outline.source and passage.line in wanted and pid < first.get(passage.line, pid + 1):
            first[passage.line] = pid
    return [_under_heading(_hit(index, first[line], 0.0), wanted[line]) for line in sorted(first)]


def _term_written(loaded: "_Loaded", words: list[list[str]]) -> str | None:
    """The Chinese term an English question's words stand for (crosslingual.term_written), read from
    the passages holding a translation of each of them."""
    if not words:
        return None
    rows = None
    for translations in words:
        held = np.unique(np.concatenate([loaded.bm25.rows_holding(w) for w in translations]))
        rows = held if rows is None else np.intersect1d(rows, held, assume_unique=True)
    if len(rows) > TERM_TEXTS:
        rows = rows[np.linspace(0, len(rows) - 1, TERM_TEXTS).astype(np.int64)]
    texts = [loaded.index.passages[int(loaded.row_ids[row])].text for row in rows]
    return term_written(words, texts, lexicon().is_word)


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
               format=p.format, id=pid, page=p.page, part=p.part, date_end=p.date_end,
               text_opening=index.text_openings().get(pid, ""))


_searchers: dict[tuple, Searcher] = {}
_searchers_lock = threading.Lock()


def _whole_count(k) -> int:
    """`k` as a whole number of hits (`5`, `5.0`, `"5"`); a ValueError in words for anything else."""
    try:
        whole = int(k)
        if whole != float(k) or whole < 0:
            raise ValueError
        return whole
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"k is how many passages to return, a whole number such as 5, not {k!r}") from None


def get_searcher(index_dir: Path | str | None = None, seeds_dir: Path | str | None = None,
                 model: str | None = None) -> Searcher:
    """A cached Searcher per (index, seeds, model), so the model is loaded once per process."""
    index_dir = Path(index_dir) if index_dir else default_index_dir()
    # An explicit index_dir (or STUDYQA_INDEX, as --index) is used as given; only the checkout's
    # default index is built from seeds/ on demand.
    if seeds_dir is None and index_dir == default_index_dir() and not os.environ.get("STUDYQA_INDEX"):
        seeds_dir = seeds_dir_for(index_dir)
    # resolved: a Searcher made with a relative path would look for it again from wherever the
    # process has moved to (os.chdir) when the same index is asked for by its full path
    index_dir = index_dir.resolve()
    seeds_dir = Path(seeds_dir).resolve() if seeds_dir is not None else None
    key = (str(index_dir), str(seeds_dir), model)
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
