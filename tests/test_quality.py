"""Retrieval quality on the dev questions with the default model (seed records only).

Floors sit at the issue's targets, at or below the measured values, so a regression below the
target fails the test. Measured with the hybrid retriever: R@1 0.977, R@5 1.000, MRR@10 0.988;
dense alone 0.860 / 0.953, lexical alone 0.884 / 0.953 (see README). Numbers are of the int8
model's build 2, whose integer products are the same on every CPU; a number marked "build 1" was measured
before (docs/measurements.md, "Vectors that do not depend on the CPU")."""
import importlib

import pytest

from conftest import DEV_QUESTIONS, REPO
from rag import Searcher
from rag.evaluate import evaluate, load_questions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result(seed_index, real_encoder):
    if not DEV_QUESTIONS.is_file():
        pytest.skip(f"{DEV_QUESTIONS} not found (../shared beside the repository)")
    searcher = Searcher(seed_index, encoder=real_encoder)
    return evaluate(load_questions(DEV_QUESTIONS), searcher.search)


def test_dev_recall_floor(result):
    print("\n" + result.table())
    assert result.total >= 40
    assert result.recall[1] >= 0.95
    assert result.recall[5] >= 0.99
    assert result.mrr10 >= 0.96


def test_the_answer_is_in_a_highlight(result):
    """Of the dev questions' right hits, how many show the gold substring in bold (`hit.highlights`).
    Measured 40 of 43 (0.930); 38 (0.884) before a point's opening sentence (`第二，全力做好北京疫情防控
    工作。`) came with the sentence it leads that answers best."""
    assert result.right >= 40
    assert result.highlighted / result.right >= 0.90


def test_every_kind_is_reached(result, seed_index, real_encoder):
    """Every kind of dev question is in the top 5, and the fusion is never worse than the better
    leg alone on any kind (the issue's requirement; measured: equal or better on all five)."""
    for kind in ("paraphrase", "factoid", "crosslingual", "metadata", "keyword"):
        assert result.per_kind[kind]["r5"] >= 0.99, kind
    searcher = Searcher(seed_index, encoder=real_encoder)
    for mode in ("dense", "lexical"):
        alone = evaluate(load_questions(DEV_QUESTIONS), lambda q, k: searcher.search(q, k, mode=mode))
        for kind, fused in result.per_kind.items():
            for cutoff in ("r1", "r5"):
                assert fused[cutoff] >= alone.per_kind[kind][cutoff], (mode, kind, cutoff)


def test_exact_top_hit_and_fields(seed_index, real_encoder):
    [hit] = Searcher(seed_index, encoder=real_encoder).search("应急物资保障体系要遵循哪些原则？", k=1)
    assert "集中管理、统一调拨、平时服务、灾时应急" in hit.text
    assert (hit.date, hit.place, hit.source) == ("2020-03-04", "QQ线上", "000_5fe3251cdd8066f2.txt")
    assert hit.topic.startswith("习近平主持召开中央全面深化改革委员会第十二次会议") and hit.score > 0.5


def test_scores_descend_with_the_rank_past_the_reranked_ones(seed_index, real_encoder):
    """The reranker moves the first ten; the results after them rose above the tenth's lowered
    score (11th 0.864 after the 10th's 0.856)."""
    hits = Searcher(seed_index, encoder=real_encoder).search("应急物资保障要遵循哪些原则？", k=15)
    scores = [hit.score for hit in hits]
    assert len(scores) == 15 and scores == sorted(scores, reverse=True)


def test_highlight_holds_the_answer(seed_index, real_encoder):
    [hit] = Searcher(seed_index, encoder=real_encoder).search("应急物资保障体系要遵循哪些原则？", k=1)
    a, b = hit.highlights[0]
    assert "集中管理、统一调拨、平时服务、灾时应急" in hit.text[a:b]
    assert len(hit.text[a:b]) < len(hit.text)


def test_english_question_reaches_chinese_passage(seed_index, real_encoder):
    hits = Searcher(seed_index, encoder=real_encoder).search(
        "How many poverty-stricken counties had not yet been removed from the poverty list?", k=3)
    assert any("52个" in h.text and h.date == "2020-03-11" for h in hits)


def _evaluated(seed_index, encoder, path, minimum: int = 40):
    """A question file of eval/ on the seed records: (searcher, questions, hybrid result)."""
    searcher = Searcher(seed_index, encoder=encoder)
    questions = load_questions(path)
    result = evaluate(questions, searcher.search)
    print("\n" + result.table())
    assert result.total >= minimum
    return searcher, questions, result


def _above_each_leg(searcher, questions, hybrid, r5_strictly: bool = True) -> None:
    """The hybrid's R@1 above the dense and the lexical leg's alone, and its R@5 too (or as high)."""
    for mode in ("dense", "lexical"):
        alone = evaluate(questions, lambda q, k: searcher.search(q, k, mode=mode))
        assert hybrid.recall[1] > alone.recall[1], mode
        assert hybrid.recall[5] > alone.recall[5] if r5_strictly else hybrid.recall[5] >= alone.recall[5], mode


CROSSLINGUAL_QUESTIONS = REPO / "eval" / "crosslingual_questions.jsonl"


def _without_token_match(monkeypatch, searcher, questions):
    import importlib
    monkeypatch.setattr(importlib.import_module("rag.reorder"), "TOKEN_MATCH_WEIGHT", 0.0)
    return evaluate(questions, searcher.search)


def test_english_versions_of_the_dev_questions(seed_index, real_encoder, monkeypatch):
    """eval/crosslingual_questions.jsonl: the dev questions asked in English. Measured 0.829 /
    1.000 (0.805 / 1.000 before the reranker of other languages); dense alone 0.561 / 0.902; build 1: 0.756 / 0.976 without the token match
    (TOKEN_MATCH_WEIGHT)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, CROSSLINGUAL_QUESTIONS)
    dense = evaluate(questions, lambda q, k: searcher.search(q, k, mode="dense"))
    assert hybrid.recall[1] >= 0.78 and hybrid.recall[5] >= 0.95
    assert hybrid.recall[1] > dense.recall[1]
    assert _without_token_match(monkeypatch, searcher, questions).recall[1] < hybrid.recall[1]


BLIND_CROSSLINGUAL_QUESTIONS = REPO / "eval" / "blind_crosslingual_questions.jsonl"


def test_english_versions_of_the_blind_questions(seed_index, real_encoder, monkeypatch):
    """eval/blind_crosslingual_questions.jsonl: the blind set's 43 Chinese questions in English,
    translated without seeing any search result. Measured 0.860 / 0.907 with the reranker of other
    languages; before it 0.837 / 0.907 on a CPU with AVX512-VNNI and 0.860 / 0.907 on one without
    (the float steps round differently; hence the floor one question lower); build 1: 0.791 / 0.907
    without the token match (0.744-0.767 over the builds that batched sentences). The translations' characters and
    bigrams (TRANSLATION_TERMS_SHARE) gained a top-5 hit on one build and nothing on others: they
    must not cost one."""
    import importlib
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND_CROSSLINGUAL_QUESTIONS)
    assert hybrid.recall[1] >= 0.81 and hybrid.recall[5] >= 0.88
    dense = evaluate(questions, lambda q, k: searcher.search(q, k, mode="dense"))
    assert hybrid.recall[1] > dense.recall[1] and hybrid.recall[5] > dense.recall[5]
    untokened = _without_token_match(monkeypatch, searcher, questions)
    assert untokened.recall[1] < hybrid.recall[1]
    # (token match left off from here, as it was when this was measured, and it is slow)
    monkeypatch.setattr(importlib.import_module("rag.search"), "TRANSLATION_TERMS_SHARE", 0.0)
    assert evaluate(questions, searcher.search).recall[5] <= untokened.recall[5]


METADATA_QUESTIONS = REPO / "eval" / "metadata_questions.jsonl"


def test_questions_about_the_sessions_themselves(seed_index, real_encoder):
    """eval/metadata_questions.jsonl: 16 questions on when, where and how a session was held and
    what it studied (`3月4号那次学习是线上还是线下？`, `学习《…》是哪一天？`), written blind to the
    retriever. Measured 1.000 / 1.000; 0.188 before hits carried their session's header and
    places named in the question were filters."""
    _, _, result = _evaluated(seed_index, real_encoder, METADATA_QUESTIONS, minimum=16)
    assert result.recall[1] >= 0.93 and result.recall[5] >= 0.93


def test_a_second_set_about_the_sessions_in_more_everyday_words(seed_index, real_encoder):
    """eval/metadata2_questions.jsonl: 60 more questions about the sessions (date, place, format,
    topic; 8 in English), written blind in stop 56 to vary the wording (`那场学习，日期是？`, `先开展的
    那次`, `是通过什么平台进行的？`, `是个人自学还是集中学习？`, `3·4那次`). 0.733 / 0.750 as written;
    0.967 / 0.983 once those words were read (rag/zh.py)."""
    _, _, result = _evaluated(seed_index, real_encoder, REPO / "eval" / "metadata2_questions.jsonl", minimum=60)
    assert result.recall[1] >= 0.95 and result.recall[5] >= 0.98


def test_facts_of_the_meetings_inside_the_texts(seed_index, real_encoder):
    """eval/textmeta_questions.jsonl: 40 questions, written blind in stop 56, on the facts of the
    events inside the texts, as the dev set's own metadata question asks (`部署会议是哪天召开的？`,
    `谁主持的`, `去了哪里调研`; 6 in English). 0.900 / 0.975 as written (with `social` and `epidemic`
    already in rag/data/terms_en.tsv), 0.900 / 1.000 once `coordinating` was added as 统筹 (its
    `When was the meeting on coordinating…held?` was not in the top 10 without those words, second now)."""
    _, _, result = _evaluated(seed_index, real_encoder, REPO / "eval" / "textmeta_questions.jsonl")
    assert result.recall[1] >= 0.875 and result.recall[5] >= 0.975


MULTILINGUAL_QUESTIONS = REPO / "eval" / "multilingual_questions.jsonl"


def test_the_dev_questions_in_six_other_languages(seed_index, real_encoder, monkeypatch):
    """eval/multilingual_questions.jsonl: each Chinese dev question in three of French, Spanish,
    German, Russian, Japanese and Korean (120). Measured 0.725 / 0.908 with the reranker of questions
    in other languages (rag/data/reranker_foreign.json, fitted on this set among others; held out
    language by language it gained on the scale records, docs/measurements.md), 0.700 / 0.900
    without it (0.683 / 0.892 before Korean syllables were read as characters); build 1: without the token
    match (TOKEN_MATCH_WEIGHT) 0.583 / 0.833; read word by word as English wherever they have Latin
    letters, as before the lexicon knew better, 0.500 / 0.792 (before the token match)."""
    import importlib
    searcher, questions, result = _evaluated(seed_index, real_encoder, MULTILINGUAL_QUESTIONS)
    assert result.recall[1] >= 0.63 and result.recall[5] >= 0.85
    assert {kind.split()[-1] for kind in result.per_kind} == {"fr", "es", "de", "ru", "ja", "ko"}
    dense = evaluate(questions, lambda q, k: searcher.search(q, k, mode="dense"))
    assert result.recall[1] >= dense.recall[1] and result.recall[5] >= dense.recall[5]
    searcher.foreign_reranker = None
    unreranked = evaluate(questions, searcher.search)
    assert result.recall[1] >= unreranked.recall[1] and result.recall[5] >= unreranked.recall[5]
    untokened = _without_token_match(monkeypatch, searcher, questions)
    assert untokened.recall[1] < result.recall[1]
    # (token match left off from here: it does not depend on the lexicon, and is slow)
    lexicon = importlib.import_module("rag.search").lexicon()
    monkeypatch.setattr(type(lexicon), "reads_as_english", lambda self, text: True)
    assert evaluate(questions, searcher.search).recall[1] < untokened.recall[1]


def test_korean_questions_reach_passages_through_their_sino_korean_syllables(seed_index, real_encoder,
                                                                             monkeypatch):
    """The 20 Korean questions of eval/multilingual_questions.jsonl: measured R@1 / R@5 0.65 /
    0.85 with their syllables read as the collection's bigrams (rag/korean.py), 0.55 / 0.80
    without."""
    searcher = Searcher(seed_index, encoder=real_encoder)
    questions = [q for q in load_questions(MULTILINGUAL_QUESTIONS) if q.get("lang") == "ko"]
    assert len(questions) == 20
    result = evaluate(questions, searcher.search)
    print("\n" + result.table())
    assert result.recall[1] >= 0.60 and result.recall[5] >= 0.80     # a question of margin each
    monkeypatch.setattr(importlib.import_module("rag.search").korean, "units", lambda question, present: [])
    without = evaluate(questions, searcher.search)
    assert without.recall[1] < result.recall[1] and without.recall[5] <= result.recall[5]


def test_questions_about_the_sessions_in_english_and_korean(seed_index, real_encoder):
    """eval/metadata_foreign_questions.jsonl: the 16 metadata questions in English and in Korean,
    with dates written their way (`on March 4, 2020`, `3월 중순`). Measured 1.000 / 1.000 (0.938 / 0.938
    before a place was read from its Latin letters, `via QQ`; 0.250 / 0.344 before their dates were read)."""
    path = REPO / "eval" / "metadata_foreign_questions.jsonl"
    searcher, questions, result = _evaluated(seed_index, real_encoder, path, minimum=32)
    assert result.recall[1] >= 0.90 and result.recall[5] >= 0.90
    assert {kind for kind in result.per_kind} == {"metadata en", "metadata ko"}


def test_questions_about_the_sessions_in_french_german_spanish_and_russian(seed_index, real_encoder):
    """eval/metadata_european_questions.jsonl: the 16 metadata questions in French, German, Spanish
    and Russian (`le 4 mars 2020`, `Mitte März`, `в 2020 году`). Measured 1.000 / 1.000 (0.938 / 0.938
    before a place was read from its Latin letters; 0.016 / 0.078 before their dates and session words
    were read)."""
    path = REPO / "eval" / "metadata_european_questions.jsonl"
    searcher, questions, result = _evaluated(seed_index, real_encoder, path, minimum=64)
    assert result.recall[1] >= 0.90 and result.recall[5] >= 0.90
    assert {kind for kind in result.per_kind} == {"metadata fr", "metadata de", "metadata es", "metadata ru"}


def test_questions_about_the_sessions_in_japanese(seed_index, real_encoder):
    """eval/metadata_japanese_questions.jsonl: the 16 metadata questions in Japanese (`いつ`, `どこ`,
    `テーマ`, `3月11日には何を学習しましたか？`). Measured 1.000 / 1.000 (0.062 / 0.188 before)."""
    path = REPO / "eval" / "metadata_japanese_questions.jsonl"
    searcher, questions, result = _evaluated(seed_index, real_encoder, path, minimum=16)
    assert result.recall[1] >= 0.90 and result.recall[5] >= 0.90
    assert {kind for kind in result.per_kind} == {"metadata ja"}


BLIND_QUESTIONS = REPO / "eval" / "blind_questions.jsonl"


def test_questions_written_blind_to_the_retriever(seed_index, real_encoder):
    """eval/blind_questions.jsonl: 44 questions on other passages, written without seeing any
    search result (docs/measurements.md). Measured 0.955 / 1.000 (0.977 with the token match within a
    session over the best 5, not 8); dense alone 0.841 / 0.932, lexical
    alone 0.864 / 0.932; build 1: 0.932 / 0.977 before the token match within a session, 0.909 /
    0.955 without the query adapter, 0.886 before OWN_COVERAGE_SHARE. Harder than the dev set:
    more of its paraphrases share no word with the answer (`临阵退缩` for `逃兵`)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND_QUESTIONS)
    assert hybrid.recall[1] >= 0.93 and hybrid.recall[5] >= 0.97
    _above_each_leg(searcher, questions, hybrid)


BLIND2_QUESTIONS = REPO / "eval" / "blind2_questions.jsonl"


def test_a_second_set_written_blind(seed_index, real_encoder, monkeypatch):
    """eval/blind2_questions.jsonl: 50 more questions written without seeing any search result
    (docs/measurements.md). Measured 0.900 / 0.980; dense alone 0.780 / 0.960 (0.940 on a CPU
    without AVX512-VNNI), lexical alone 0.720 / 0.940 (0.960 while spoken question words were
    keywords); build 1: 0.880 before the token match within a session, 0.820 / 0.980 without
    the query adapter. With each passage's keyword score its own alone (before
    OWN_COVERAGE_SHARE) the R@1 is lower. Stop 42: 0.920 / 0.980, and 0.900 / 0.980 without the
    token match within a session (SESSION_TOKEN_WEIGHT), which blind3 no longer tells apart; since
    stop 50's places cue (PLACES_WEIGHT) puts `b2-5speakers` first without it too, blind9 tells it
    apart (below)."""
    import importlib
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND2_QUESTIONS)
    assert hybrid.recall[1] >= 0.88 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid)
    monkeypatch.setattr(importlib.import_module("rag.search"), "OWN_COVERAGE_SHARE", 1.0)
    assert evaluate(questions, searcher.search).recall[1] < hybrid.recall[1]


BLIND3_QUESTIONS = REPO / "eval" / "blind3_questions.jsonl"


def test_a_third_set_held_out(seed_index, real_encoder, monkeypatch):
    """eval/blind3_questions.jsonl: 50 questions written blind after the second set was used
    (docs/measurements.md; since, with the other sets, it chose ADAPTED_QUERY_WEIGHT among four
    values). Measured 0.940 / 1.000 (0.980 with the token match within a session over the best 5,
    not 8); without the token match within a session (SESSION_TOKEN_WEIGHT) 0.900 / 0.980 before
    stop 42's appraisal cue, 0.940 / 1.000 since (it puts `b3-seamless` first and `b3-pla` second;
    without it, the other way round); 0.900 / 0.960 without the query adapter either; dense alone
    0.760 / 0.960 (0.780 on a CPU without AVX512-VNNI), lexical alone 0.820 / 0.920."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND3_QUESTIONS)
    assert hybrid.recall[1] >= 0.92 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)
    monkeypatch.setattr(importlib.import_module("rag.reorder"), "SESSION_TOKEN_WEIGHT", 0.0)
    unordered = evaluate(questions, searcher.search)
    assert unordered.recall[1] <= hybrid.recall[1]
    monkeypatch.setattr(importlib.import_module("rag.search"), "ADAPTED_QUERY_WEIGHT", 0.0)
    assert evaluate(questions, searcher.search).recall[1] < unordered.recall[1]


BLIND4_QUESTIONS = REPO / "eval" / "blind4_questions.jsonl"


def test_a_fourth_set_written_after_the_query_adapter(seed_index, real_encoder):
    """eval/blind4_questions.jsonl: 50 questions written blind after the query adapter was trained
    and its weight chosen (docs/measurements.md, "The query adapter"). Measured 0.940 / 1.000;
    0.920 / 1.000 without the token match within a session, or the adapter either; dense alone
    0.860 / 0.940 (0.960 on a CPU without AVX512-VNNI), lexical alone 0.820 / 0.960. Build 1 scored 0.980 here on a CPU with
    AVX512-VNNI and 0.940 on one without: the margins that moved are a few thousandths."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND4_QUESTIONS)
    assert hybrid.recall[1] >= 0.90 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND5_QUESTIONS = REPO / "eval" / "blind5_questions.jsonl"


def test_a_fifth_set_written_after_every_weight_was_chosen(seed_index, real_encoder):
    """eval/blind5_questions.jsonl: 50 questions written blind in stop 24, after every weight and
    step of the search was chosen. Measured 0.900 / 0.960 as written; 0.920 / 0.980 once a question
    about a session's topic (学习主题) was answered with its header, a change its one metadata miss
    led to (docs/measurements.md, stop 24); dense alone 0.780 / 0.940, lexical alone 0.820 / 0.920
    (0.760 / 0.920 and 0.800 / 0.900 as written)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND5_QUESTIONS)
    assert hybrid.recall[1] >= 0.88 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND6_QUESTIONS = REPO / "eval" / "blind6_questions.jsonl"


def test_a_sixth_set_measured_as_written(seed_index, real_encoder):
    """eval/blind6_questions.jsonl: 50 questions written blind in stop 27 (a helper that saw the
    records and the earlier sets, no search result), measured once and nothing changed after:
    0.920 / 1.000; dense alone 0.840 / 1.000, lexical alone 0.880 / 0.940."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND6_QUESTIONS)
    assert hybrid.recall[1] >= 0.90 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND7_QUESTIONS = REPO / "eval" / "blind7_questions.jsonl"


def test_a_seventh_set_measured_as_written(seed_index, real_encoder):
    """eval/blind7_questions.jsonl: 50 questions written blind in stop 38 (a helper that saw the
    records and the earlier sets, no search result), measured once and nothing changed after:
    0.940 / 1.000; dense alone 0.860 / 1.000, lexical alone 0.820 / 0.900. The floor is a
    question of margin below."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND7_QUESTIONS)
    assert hybrid.recall[1] >= 0.92 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND8_QUESTIONS = REPO / "eval" / "blind8_questions.jsonl"


def test_an_eighth_set_measured_as_written(seed_index, real_encoder):
    """eval/blind8_questions.jsonl: 50 questions written blind in stop 43 in the dev set's mix of
    kinds (29 paraphrase, 15 factoid, 2 each keyword, English, metadata), by a helper that saw the
    records and the earlier sets, no search result; measured once and nothing changed after:
    0.880 / 0.960; dense alone 0.760 / 0.960, lexical alone 0.780 / 0.900. The freshest estimate
    of a hidden set written this way, below the 0.95 target (README, "Measured")."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND8_QUESTIONS)
    assert hybrid.recall[1] >= 0.86 and hybrid.recall[5] >= 0.94
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND9_QUESTIONS = REPO / "eval" / "blind9_questions.jsonl"


def test_a_ninth_set_measured_as_written(seed_index, real_encoder, monkeypatch):
    """eval/blind9_questions.jsonl: 50 more questions written blind in stop 44, the same way as the
    eighth set (the dev set's mix of kinds, other sentences than every earlier set asks about);
    measured once and nothing changed after: 0.880 / 0.980; dense alone 0.760 / 0.940, lexical
    alone 0.780 / 0.940. As the eighth, below the 0.95 target (README, "Measured")."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND9_QUESTIONS)
    assert hybrid.recall[1] >= 0.86 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid)
    # the token match within a session (SESSION_TOKEN_WEIGHT): 0.880 -> 0.820 without it (stop 50;
    # over every set on the seed records it gains 1 first hit net: 3 in blind9 and 1 in blind, 1 fewer
    # in each of blind6, blind8 and blind10)
    import importlib
    monkeypatch.setattr(importlib.import_module("rag.reorder"), "SESSION_TOKEN_WEIGHT", 0.0)
    assert evaluate(questions, searcher.search).recall[1] < hybrid.recall[1]


BLIND10_QUESTIONS = REPO / "eval" / "blind10_questions.jsonl"


def test_a_tenth_set_measured_as_written(seed_index, real_encoder):
    """eval/blind10_questions.jsonl: 50 questions written blind in stop 49 by a helper that read only
    the dev set and the seed records (the dev set's mix: 29 paraphrase, 15 factoid, 3 English, 2
    keyword, 1 metadata); measured once and nothing changed after: 0.920 / 1.000; dense alone
    0.800 / 0.960, lexical alone 0.840 / 0.940. Below the 0.95 target (README, "Measured")."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND10_QUESTIONS)
    assert hybrid.recall[1] >= 0.90 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


BLIND11_QUESTIONS = REPO / "eval" / "blind11_questions.jsonl"


def test_an_eleventh_set_written_blind(seed_index, real_encoder):
    """eval/blind11_questions.jsonl: 50 questions written blind in stop 50 by a helper that read only
    the dev set and the seed records (29 paraphrase, 15 factoid, 2 English, 2 keyword, 2 metadata);
    as written 0.940 / 0.980 (dense alone 0.780 / 0.960, lexical alone 0.920 / 0.940); its misses
    showed sessions held said with everyday verbs (`在什么平台上搞的`, `在哪开的`), read since:
    0.960 / 1.000. Below the 0.95 target as written (README, "Measured")."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND11_QUESTIONS)
    assert hybrid.recall[1] >= 0.94 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


BLIND12_QUESTIONS = REPO / "eval" / "blind12_questions.jsonl"


def test_a_twelfth_set_written_blind(seed_index, real_encoder):
    """eval/blind12_questions.jsonl: 50 questions written blind in stop 50 (the dev set's mix, its
    session questions worded more freely: 三月头一回…在哪个平台上搞的, 3月第二个礼拜三); as written
    0.900 / 0.980 (dense alone 0.780 / 0.920, lexical alone 0.820 / 0.900); a month in Chinese
    numerals and 那回 read since: 0.920 / 1.000."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND12_QUESTIONS)
    assert hybrid.recall[1] >= 0.90 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


BLIND13_QUESTIONS = REPO / "eval" / "blind13_questions.jsonl"


def test_a_thirteenth_set_written_blind(seed_index, real_encoder):
    """eval/blind13_questions.jsonl: 50 questions written blind in stop 51 (27 paraphrase, 15
    factoid, 3 English, 2 keyword, 3 metadata; sessions said freely: `咱们最早办的那次`, `在啥平台上
    弄的`); as written 0.840 / 0.960 (dense alone 0.740 / 0.900, lexical alone 0.720 / 0.860); an
    order word with a word of holding and spoken question words read since: 0.880 / 1.000."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND13_QUESTIONS)
    assert hybrid.recall[1] >= 0.86 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


BLIND14_QUESTIONS = REPO / "eval" / "blind14_questions.jsonl"


def test_a_fourteenth_set_written_blind(seed_index, real_encoder):
    """eval/blind14_questions.jsonl: 50 questions written blind in stop 51, in the dev set's kind
    mix (29 paraphrase, 15 factoid, 3 English, 2 keyword, 1 metadata) and made hard the way users
    are (partial recall, everyday words, a detail deep in a long paragraph); 0.960 / 0.960 as
    written and after this stop's answer cues (dense alone 0.800 / 0.920, lexical alone 0.800 /
    0.900). Its two misses are a paraphrase sharing no word (`小毛病拖成大范围的疫情` for `小病酿成
    大疫`) and the neighbouring paragraph naming the thing."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND14_QUESTIONS)
    assert hybrid.recall[1] >= 0.94 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid)


BLIND15_QUESTIONS = REPO / "eval" / "blind15_questions.jsonl"


def test_a_fifteenth_set_written_blind(seed_index, real_encoder):
    """eval/blind15_questions.jsonl: 50 questions written blind in stop 51, in the dev set's kind
    mix, after the less famous details (numbers, names, lists, the middle of long paragraphs);
    0.980 / 1.000 as written (dense alone 0.840 / 0.980, lexical alone 0.880 / 0.940)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND15_QUESTIONS)
    assert hybrid.recall[1] >= 0.96 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


BLIND16_QUESTIONS = REPO / "eval" / "blind16_questions.jsonl"


def test_a_sixteenth_set_written_blind(seed_index, real_encoder):
    """eval/blind16_questions.jsonl: 50 questions written blind in stop 52, in the dev set's kind
    mix, after passages no earlier set asked about; 0.920 / 1.000 as written (dense alone 0.820 /
    0.960, lexical alone 0.780 / 0.900), 0.940 with 科技 read as 科学技术's short form. Its misses
    are paraphrases (`媒体记者` for `新闻工作者`) and a neighbouring paragraph."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND16_QUESTIONS)
    assert hybrid.recall[1] >= 0.92 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


BLIND17_QUESTIONS = REPO / "eval" / "blind17_questions.jsonl"


def test_a_seventeenth_set_written_blind(seed_index, real_encoder):
    """eval/blind17_questions.jsonl: 50 questions written blind in stop 52, after this stop's changes
    (held out from them), in the dev set's kind mix; 0.920 / 0.920 (dense alone 0.820 / 0.900,
    lexical alone 0.840 / 0.920). Its four misses share no word with the answer (`时间点为什么特别棘手`
    for `恰逢春节返乡高峰`); two of them are English questions."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND17_QUESTIONS)
    assert hybrid.recall[1] >= 0.92 and hybrid.recall[5] >= 0.92
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND18_QUESTIONS = REPO / "eval" / "blind18_questions.jsonl"


def test_an_eighteenth_set_written_blind(seed_index, real_encoder):
    """eval/blind18_questions.jsonl: 50 questions written blind at the end of stop 52, in the dev
    set's kind mix, many naming the speech or a date of the text; 0.880 / 0.920 as written (dense
    alone 0.740 / 0.920, lexical alone 0.700 / 0.880)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND18_QUESTIONS)
    assert hybrid.recall[1] >= 0.88 and hybrid.recall[5] >= 0.92
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


BLIND19_QUESTIONS = REPO / "eval" / "blind19_questions.jsonl"


def test_a_nineteenth_set_written_blind(seed_index, real_encoder):
    """eval/blind19_questions.jsonl: 50 questions written blind at the start of stop 53, in the dev
    set's kind mix, over all three 2020-03-11 texts and the 2020-03-04 meeting; 0.900 / 0.960 as
    written and after the stop's changes (dense alone 0.760 / 0.940, lexical alone 0.780 / 0.840).
    Its misses are paraphrases (`老基建和新基建` for `传统和新型基础设施`) and one English question."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND19_QUESTIONS)
    assert hybrid.recall[1] >= 0.90 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid)


BLIND20_QUESTIONS = REPO / "eval" / "blind20_questions.jsonl"


def test_a_twentieth_set_written_blind(seed_index, real_encoder):
    """eval/blind20_questions.jsonl: 50 questions written blind at the start of stop 54, in the dev
    set's kind mix; 0.960 / 1.000 as written and after the stop's changes (dense alone 0.940 / 0.980,
    lexical alone 0.840 / 0.920). Its two misses are paraphrases (`磨磨蹭蹭、心里没底` for `疲疲沓沓、
    拖拖拉拉`, rank 2)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, BLIND20_QUESTIONS)
    assert hybrid.recall[1] >= 0.96 and hybrid.recall[5] >= 1.0
    _above_each_leg(searcher, questions, hybrid)


def test_a_twenty_first_set_written_blind(seed_index, real_encoder):
    """eval/blind21_questions.jsonl: 50 questions written blind at the start of stop 55, worded away
    from the text; 0.820 / 0.940 as written, 0.860 / 0.980 once a session named as the next after
    another (`3月4日那次之后，下一次集中学习…`) and a place before `那一次` were read (dense alone 0.780 /
    0.980, lexical alone 0.760 / 0.900)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind21_questions.jsonl")
    assert hybrid.recall[1] >= 0.86 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_twenty_second_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind22_questions.jsonl: 50 questions written blind in stop 55 in the dev set's own style;
    0.940 / 0.980 as written (dense alone 0.820 / 0.960, lexical alone 0.900 / 0.940)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind22_questions.jsonl")
    assert hybrid.recall[1] >= 0.94 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_twenty_third_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind23_questions.jsonl: 50 questions written blind in stop 56 in the dev set's style;
    0.920 / 0.960 as written, 0.940 / 0.980 once the platform asked with 通过 / 借助 was read as a
    question about the session (dense alone 0.860 / 1.000, lexical alone 0.840 / 0.920: the dense
    leg alone has `h4-startpoint` fifth, the hybrid sixth)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind23_questions.jsonl")
    assert hybrid.recall[1] >= 0.94 and hybrid.recall[5] >= 0.98
    legs = {mode: evaluate(questions, lambda q, k: searcher.search(q, k, mode=mode)) for mode in ("dense", "lexical")}
    assert all(hybrid.recall[1] > leg.recall[1] for leg in legs.values())
    assert hybrid.recall[5] > legs["lexical"].recall[5]


def test_a_twenty_fourth_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind24_questions.jsonl: 50 questions written blind at the end of stop 56 in the dev set's
    style, measured once as written: 0.980 / 1.000 (dense alone 0.940 / 1.000, lexical alone 0.900 /
    0.960); with the scale records 0.960 / 1.000."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind24_questions.jsonl")
    assert hybrid.recall[1] >= 0.96 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_twenty_fifth_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind25_questions.jsonl: 50 questions written blind at the very end of stop 56 in the dev
    set's style, measured as written: 0.920 / 0.980 (dense alone 0.680 / 0.960, lexical alone 0.820 /
    0.940); with the scale records 0.780 / 0.940 as written, where `2018年那次研讨班上…` took 2018 as a
    session year (an event named alone after 那次 is the text's now)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind25_questions.jsonl")
    assert hybrid.recall[1] >= 0.90 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


def test_a_twenty_sixth_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind26_questions.jsonl: 50 questions written blind at the start of stop 57 in the dev set's
    style, measured as written: 0.960 / 1.000 (dense alone 0.880 / 0.960, lexical alone 0.900 /
    0.960); with the scale records 0.840 / 0.960 (look-alike reports on jobs, foreign trade, bare terms)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind26_questions.jsonl")
    assert hybrid.recall[1] >= 0.96 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_twenty_seventh_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind27_questions.jsonl: 50 questions written blind at the start of stop 57 (a teacher's
    quiz), as written 0.940 / 1.000; 0.960 / 1.000 once a title naming the subject the question names
    counted (`…专门讲基础设施的那一份叫什么名字？`; dense alone 0.880 / 0.960, lexical alone 0.900 / 0.940);
    with the scale records 0.920 / 1.000 as written, 0.940 / 1.000 now."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind27_questions.jsonl")
    assert hybrid.recall[1] >= 0.96 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_twenty_eighth_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind28_questions.jsonl: 50 questions written blind in stop 57 (a branch secretary's) and
    held back until the stop's last change, measured once as written: 0.900 / 1.000; with the scale
    records 0.860 / 0.980. 0.920 / 1.000 once a session named by its topic (`以…为主题的那期`) was read
    (dense alone 0.800 / 0.940, lexical alone 0.760 / 0.880)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind28_questions.jsonl")
    assert hybrid.recall[1] >= 0.92 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


def test_a_twenty_ninth_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind29_questions.jsonl: 50 questions written blind in stop 57 (a newcomer's half-remembered
    words) and held back like blind28: 0.920 / 0.960 as written; 0.940 / 0.960 once a question asking
    what a meeting was held for counted (`这次开会主要是要干什么？`; dense alone 0.800 / 0.940, lexical
    alone 0.780 / 0.940); with the scale records 0.800 / 0.940 as written, 0.820 / 0.940 now."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind29_questions.jsonl")
    assert hybrid.recall[1] >= 0.94 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_thirtieth_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind30_questions.jsonl: 50 questions written blind at the start of stop 58 and held back,
    unread, until its last changes, measured then as written: 0.960 / 0.980; with the scale records
    0.800 / 0.940. 0.980 / 1.000 once how a session named by its date was held (`3月11日那次集中学习是
    线下开会还是网上进行的？`) was answered from its header (dense alone 0.820 / 1.000, lexical alone
    0.860 / 0.940); with the scale records 0.820 / 0.960."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind30_questions.jsonl")
    assert hybrid.recall[1] >= 0.98 and hybrid.recall[5] >= 1.0
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_thirty_first_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind31_questions.jsonl: 50 questions written blind like blind30 and held back likewise:
    0.880 / 0.940 at the start of stop 58, 0.940 / 0.960 after its changes, measured before they
    were read (the occasion a question is asked within, `在军事医学研究院…调研时`, no longer its
    speech's opening's; dense alone 0.820 / 0.940, lexical alone 0.660 / 0.880); with the scale
    records 0.780 / 0.900 both times."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind31_questions.jsonl")
    assert hybrid.recall[1] >= 0.94 and hybrid.recall[5] >= 0.96
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_a_thirty_second_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind32_questions.jsonl: 50 questions written blind at the start of stop 59 and read at once
    (its misses led to the session questions of that stop): 0.840 / 0.960 as written; 0.860 / 0.980
    after (dense alone 0.780 / 0.960, lexical alone 0.780 / 0.960); with the scale records 0.800 /
    0.920 as written, 0.840 / 0.960 after."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind32_questions.jsonl")
    assert hybrid.recall[1] >= 0.86 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


def test_a_thirty_third_set_in_the_dev_sets_style(seed_index, real_encoder):
    """eval/blind33_questions.jsonl: 50 questions written blind at the start of stop 59 and held back,
    unread, until its last change: 0.880 / 0.960 at the start, 0.900 / 0.960 at the end, unread; 0.920 /
    0.980 once a field asked by its column (`地点一栏填的是什么？`) was read (dense alone 0.800 / 0.940,
    lexical alone 0.860 / 0.940); with the scale records 0.700 / 0.900, 0.720 / 0.920, 0.740 / 0.940."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "blind33_questions.jsonl")
    assert hybrid.recall[1] >= 0.92 and hybrid.recall[5] >= 0.98
    _above_each_leg(searcher, questions, hybrid)


# The dev-style sets of stop 60 (measured R@1 / R@5 on the seed records; sentence model alone, keyword
# leg alone; docs/measurements.md, "Stop 60"):
# - blind34, read at once: 0.960 / 0.980 as written, 0.960 / 1.000 after a meeting body named by its short
#   form alone (`深改委对…`) and a few everyday words (dense 0.800 / 0.920, lexical 0.780 / 0.960);
# - blind35, held back, unread, until the stop's last change: 0.840 / 0.960 at the start, 0.840 / 0.980 at
#   the end (0.740 / 0.960, 0.740 / 0.940);
# - blind36, read at once: 0.860 / 0.960 as written, 0.880 / 0.980 once an outline question's hits were
#   its parts' openings under their headings (0.740 / 0.960, 0.820 / 0.920);
# - blind37, read at once at the end of the stop: 0.800 / 0.960 as written, 0.840 / 1.000 after
#   (`在QQ群里线上搞的那次`, `哪几大块`; 0.620 / 0.900, 0.760 / 0.920).
STOP_60_SETS = [("blind34", 0.96, 1.0), ("blind35", 0.84, 0.98), ("blind36", 0.88, 0.98), ("blind37", 0.84, 1.0)]


@pytest.mark.parametrize("name, r1, r5", STOP_60_SETS)
def test_the_sets_of_stop_60_in_the_dev_sets_style(seed_index, real_encoder, name, r1, r5):
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / f"{name}_questions.jsonl")
    assert hybrid.recall[1] >= r1 and hybrid.recall[5] >= r5
    _above_each_leg(searcher, questions, hybrid)


# stop 61's four sets in the dev set's style, read at once (blind40, held back, is the honest measure:
# docs/measurements.md): measured 0.940 / 1.000, 0.960 / 0.980, 0.920 / 0.980, 0.940 / 0.980; as written
# 0.920 / 0.960, 0.940 / 0.980, 0.840 / 0.940, 0.880 / 0.940. blind40 itself: 0.880 / 0.940 before and
# after the stop's changes. The sentence model alone reaches blind39's top 5 as often (0.980), so there
# the hybrid's R@5 is held to as high.
STOP_61_SETS = [("blind38", 0.94, 1.0), ("blind39", 0.96, 0.98), ("blind40", 0.88, 0.94), ("blind41", 0.92, 0.98),
                ("blind42", 0.94, 0.98)]


@pytest.mark.parametrize("name, r1, r5", STOP_61_SETS)
def test_the_sets_of_stop_61_in_the_dev_sets_style(seed_index, real_encoder, name, r1, r5):
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / f"{name}_questions.jsonl")
    assert hybrid.recall[1] >= r1 and hybrid.recall[5] >= r5
    _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_two_more_sets_of_english_questions_written_blind(seed_index, real_encoder):
    """eval/blind_english4_questions.jsonl (40, read at once in stop 61: 0.800 / 0.975 as written, 0.875 /
    1.000 after the words it showed missing: `written pledge`, `able to work`, `the Party's` as 党…) and
    eval/blind_english5_questions.jsonl (40, held back until those changes: 0.600 / 0.800 before and
    after them; then read: 0.675 / 0.900 with `met remotely`, `follow the law`, `prefectures`…). The
    sentence model alone: 0.450 / 0.800 and 0.475 / 0.750."""
    for name, floor in (("blind_english4", (0.875, 1.0)), ("blind_english5", (0.675, 0.90))):
        searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / f"{name}_questions.jsonl")
        assert hybrid.recall[1] >= floor[0] and hybrid.recall[5] >= floor[1], name
        _above_each_leg(searcher, questions, hybrid, r5_strictly=False)


def test_two_sets_of_english_questions_written_blind(seed_index, real_encoder):
    """eval/blind_english2_questions.jsonl (40, read at once in stop 60: 0.675 / 0.875 as written, 0.825 /
    0.950 after the English words it showed missing: `role`, `chaired`, `ten million`…) and
    eval/blind_english3_questions.jsonl (40, written later and held back: 0.700 / 0.925 before and after
    those changes: the words were not the ones it needed). The sentence model alone: 0.650 / 0.800 and
    0.400 / 0.650."""
    for name, floor in (("blind_english2", (0.825, 0.95)), ("blind_english3", (0.70, 0.925))):
        searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / f"{name}_questions.jsonl")
        assert hybrid.recall[1] >= floor[0] and hybrid.recall[5] >= floor[1], name
        _above_each_leg(searcher, questions, hybrid)


LIST_ITEM_QUESTIONS = [REPO / "eval" / "list_items_questions.jsonl", REPO / "eval" / "list_items2_questions.jsonl"]


def test_an_item_asked_for_by_its_place_in_a_list(seed_index, real_encoder, monkeypatch):
    """eval/list_items*_questions.jsonl: 40 questions asking for an item by its place (`二是什么？`,
    `第三个方面`, `the seventh area`), written blind in stop 54, the second set after the first was
    used. With the lists (rag/lists.py) 31 / 40 of 40 first / in the top 5 (both sets 0.775 / 1.000);
    without them (the answer cue and `第三个方面` read as a list's item alone) 25 / 36; before stop 54
    9 / 23; dense alone 10 / 22, lexical alone 8 / 22."""
    searcher = Searcher(seed_index, encoder=real_encoder)
    questions = [q for path in LIST_ITEM_QUESTIONS for q in load_questions(path)]
    with_lists = evaluate(questions, searcher.search)
    print("\n" + with_lists.table())
    assert len(questions) == 40 and with_lists.recall[1] >= 0.75 and with_lists.recall[5] >= 0.975
    search = importlib.import_module("rag.search")
    monkeypatch.setattr(search, "item_asked", lambda question: (0, 0))
    without = evaluate(questions, searcher.search)
    assert without.recall[1] <= with_lists.recall[1] - 0.1 and without.recall[5] < with_lists.recall[5]


def test_an_item_counted_from_the_end_of_its_list(seed_index, real_encoder, monkeypatch):
    """eval/list_last_questions.jsonl: 12 questions asking for the last or second-to-last item
    (`最后一条`, `倒数第二项`, `the final task`), written blind after the lists were built and before
    items were counted from the end: 0.750 / 1.000 as written, 0.833 / 1.000 since `末尾那条` is read,
    the answer in a highlight for 11 of the 12; without
    the lists 0.167 / 0.417 (before stop 54 0.083 / 0.250; dense alone 0.250 / 0.417, lexical alone
    0.083 / 0.333)."""
    searcher, questions, hybrid = _evaluated(seed_index, real_encoder, REPO / "eval" / "list_last_questions.jsonl",
                                             minimum=12)
    assert hybrid.recall[1] >= 0.75 and hybrid.recall[5] >= 1.0 and hybrid.highlighted >= 10
    search = importlib.import_module("rag.search")
    monkeypatch.setattr(search, "item_asked", lambda question: (0, 0))
    without = evaluate(questions, searcher.search)
    assert without.recall[1] < 0.4 and without.recall[5] < 0.6


TRADITIONAL_QUESTIONS = REPO / "eval" / "traditional_questions.jsonl"


def test_traditional_character_versions_of_the_dev_questions(seed_index, real_encoder, monkeypatch):
    """eval/traditional_questions.jsonl: the Chinese dev questions in traditional characters.
    Read in simplified characters they score as the originals (measured 0.976 / 1.000); as typed,
    0.927 / 1.000."""
    import importlib
    searcher, questions, simplified = _evaluated(seed_index, real_encoder, TRADITIONAL_QUESTIONS)
    assert simplified.recall[1] >= 0.95 and simplified.recall[5] >= 0.99
    from rag.crosslingual import Lexicon
    monkeypatch.setattr(importlib.import_module("rag.search"), "lexicon", lambda: Lexicon([]))
    monkeypatch.setattr(importlib.import_module("rag.lexical"), "lexicon", lambda: Lexicon([]))
    assert evaluate(questions, searcher.search).recall[1] < simplified.recall[1]


CHINESE_SETS = [DEV_QUESTIONS] + [REPO / "eval" / f"{name}_questions.jsonl"
                                   for name in ("blind", "blind2", "blind3", "blind4", "extra")]


def test_colloquial_questions(seed_index, real_encoder, monkeypatch):
    """The colloquial questions (kind `colloquial`) of the dev, blind, blind2-4 and extra sets, 18
    in all (`吃野味这种习惯以后还能不能有？`). Measured 15 / 18 first, 17 / 18 in the top 5 (16 first before
    stop 55's everyday words: `医生护士…看病的钱` 1 -> 2). Without the everyday words, 16 first; with the
    spoken question words (`能不能`, `啊`) matched as keywords as well, as before stop 23, 15
    (docs/measurements.md, "Spoken question words are not keywords")."""
    if not DEV_QUESTIONS.is_file():
        pytest.skip(f"{DEV_QUESTIONS} not found (../shared beside the repository)")
    questions = [q for path in CHINESE_SETS for q in load_questions(path) if q.get("kind") == "colloquial"]
    assert len(questions) >= 15
    searcher = Searcher(seed_index, encoder=real_encoder)
    result = evaluate(questions, searcher.search)
    print("\n" + result.table())
    assert result.recall[1] >= 0.83 and result.recall[5] >= 0.94
    monkeypatch.setattr(importlib.import_module("rag.search"), "SPOKEN_FORMS", False)
    plain = evaluate(questions, searcher.search)
    zh = importlib.import_module("rag.zh")
    monkeypatch.setattr(zh, "_QUESTION_WORDS", zh.question_words_pattern(zh.WRITTEN_QUESTION_WORDS))
    assert evaluate(questions, searcher.search).recall[1] < plain.recall[1]


SCALE_SUBSET = ["2022-09_集中学习记录.txt", "2026-08_集中学习记录.txt"]


@pytest.fixture(scope="module")
def distractor_searcher(tmp_path_factory, real_encoder):
    """The seed records among look-alike records from ../shared/data/scale_sessions (a subset
    small enough for CI; bench/scale_eval.py runs all of them)."""
    import shutil

    from conftest import REPO, SHARED
    from rag import update_index
    scale = SHARED / "data" / "scale_sessions"
    if not DEV_QUESTIONS.is_file() or not all((scale / name).is_file() for name in SCALE_SUBSET):
        pytest.skip("../shared data not found")
    root = tmp_path_factory.mktemp("distractors")
    seeds = root / "seeds"
    seeds.mkdir()
    for src in [REPO / "seeds" / "000_5fe3251cdd8066f2.txt", *(scale / n for n in SCALE_SUBSET)]:
        shutil.copy(src, seeds / src.name)
    report = update_index(seeds, root / "index", encoder=real_encoder, progress=None)
    assert report.sessions_total > 30
    return Searcher(root / "index", encoder=real_encoder)


@pytest.fixture(scope="module")
def distractor_result(distractor_searcher):
    return evaluate(load_questions(DEV_QUESTIONS), distractor_searcher.search)


def test_distractor_recall_floor(distractor_result):
    print("\n" + distractor_result.table())
    assert distractor_result.recall[1] >= 0.95
    assert distractor_result.recall[5] >= 0.99


def test_the_reranker_among_look_alike_records(distractor_searcher):
    """rag/rerank.py on the Chinese sets (dev, blind, blind2-6, extra, traditional: 402 questions)
    among two months of the scale records. Measured 377 first hits / 399 top 5 with it, 376 / 399
    without; held out one set at a time among all the scale records it gains 347 -> 350 first
    hits (docs/measurements.md, "A reranker fitted on the question sets")."""
    from rag.reorder import DEFAULT_RERANKER
    questions = load_questions(DEV_QUESTIONS) + [
        q for name in ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "extra", "traditional")
        for q in load_questions(REPO / "eval" / f"{name}_questions.jsonl")]
    assert len(questions) == 402
    assert distractor_searcher.reranker is DEFAULT_RERANKER
    reranked = evaluate(questions, distractor_searcher.search)
    print("\n" + reranked.table())
    assert reranked.recall[1] >= 0.93 and reranked.recall[5] >= 0.99
    try:
        distractor_searcher.reranker = None
        fused = evaluate(questions, distractor_searcher.search)
    finally:
        distractor_searcher.reranker = DEFAULT_RERANKER
    assert reranked.recall[1] >= fused.recall[1] and reranked.recall[5] >= fused.recall[5]


def test_everyday_words_among_look_alike_records(distractor_searcher, monkeypatch):
    """zh.spoken_forms: the questions of every Chinese set that hold an everyday word (`看病`, `老百姓`,
    `卖不出去`; 138 of them in stop 55, 141 since stop 60 added 小店, 重新开门…, 144 since stop 61 added 占比,
    不让去…), among two months of the
    scale records, with and without reading those words as the records write them. Measured 126 / 135
    first / in the top 5 with them (0.913 / 0.978), 121 / 134 without; among all the scale records 108 /
    121 against 98 / 115 (docs/measurements.md, stop 55); the 141 of stop 60: 0.922 / 0.979 with them,
    0.887 / 0.972 without; the 144 of stop 61: 0.924 / 0.979 and 0.889 / 0.972."""
    from rag import zh
    # the Chinese sets as they were when it was measured (a set written later would move the floor)
    names = ["blind", *(f"blind{n}" for n in range(2, 23)), "about", "extra", "formula", "list_items",
             "list_items2", "list_last", "traditional", "when"]
    questions = [q for path in [DEV_QUESTIONS, *(REPO / "eval" / f"{name}_questions.jsonl" for name in names)]
                 for q in load_questions(path) if zh.spoken_forms(q["question"])]
    assert len(questions) == 144
    with_them = evaluate(questions, distractor_searcher.search)
    print("\n" + with_them.table())
    monkeypatch.setattr(importlib.import_module("rag.search"), "SPOKEN_FORMS", False)
    without = evaluate(questions, distractor_searcher.search)
    print("\n" + without.table())
    assert with_them.recall[1] >= 0.91 and with_them.recall[5] >= 0.97
    assert with_them.recall[1] > without.recall[1] and with_them.recall[5] >= without.recall[5]
