import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, RECORD_A, SEED_FILE, write
from rag.cli import main
from rag.indexer import FINISHED_BEFORE_INTERRUPT


def test_missing_index_is_a_plain_error_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "问题", "--index", str(tmp_path / "none")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "no index at" in proc.stderr and "studyqa index --index" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_k_is_refused(capsys):
    assert main(["ask", "问题", "--k", "0"]) == 2
    assert "error: -k must be at least 1" in capsys.readouterr().err


@pytest.mark.slow
def test_index_then_ask_json(tmp_path, capsys, real_encoder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    shutil.copy(SEED_FILE, seeds)
    assert main(["index", "--seeds", str(seeds), "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "from 2 sessions" in out

    assert main(["index", "--seeds", str(seeds), "--index", str(index)]) == 0
    assert "0 embedded" in capsys.readouterr().out

    write(seeds / "new.txt", RECORD_A)
    assert main(["index", "--seeds", str(seeds), "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "2 embedded" in out

    assert main(["ask", "垃圾分类要从娃娃抓起", "--k", "3", "--json", "--index", str(index)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["question"] == "垃圾分类要从娃娃抓起" and answer["understood"]["filters"] == {}
    hits = answer["hits"]
    assert len(hits) == 3
    assert hits[0]["source"] == "new.txt" and hits[0]["date"] == "2021-05-06"
    for field in ("text", "score", "date", "topic", "place", "source", "paragraph", "heading", "citation"):
        assert field in hits[0]
    assert hits[0]["where"] == f"new.txt:{hits[0]['line']}"          # FILE:LINE, as `studyqa show` takes it

    assert main(["ask", "应急物资保障要遵循哪些原则？", "-k", "2", "--index", str(index)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("[1]") and "2020年3月4日" in text and "集中管理、统一调拨" in text
    assert "\n[2]" in text and "\n[3]" not in text

    # what the question was read as is in the JSON too: a date written in it is a filter
    assert main(["ask", "2020年3月4日那次学习讲了应急物资吗", "--json", "--index", str(index)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["understood"]["filters"] == {"date_from": "2020-03-04", "date_to": "2020-03-04"}
    assert "2020-03-04" in answer["understood"]["description"]
    assert {h["date"] for h in answer["hits"]} == {"2020-03-04"}

    assert main(["ask", "问题", "--index", str(index), "--model", "other-model"]) == 1
    assert "rebuild the index with: studyqa index --index" in capsys.readouterr().err


def test_plain_words_for_what_users_get_wrong(capsys, monkeypatch):
    assert main(["ask", "  "]) == 2
    assert "the question is empty" in capsys.readouterr().err
    assert main([]) == 2                                     # bare `studyqa`: its help
    assert "{index,ask,show,sessions,serve,eval}" in capsys.readouterr().out
    assert main(["search", "  "]) == 2                       # `search` is `ask`, as in Python
    assert "the question is empty" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["serve", "--port", "99999"])
    assert "'99999' is not a port number" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("studyqa ")


def test_paths_of_the_wrong_kind_are_one_line_saying_which(tmp_path, capsys, bigram):
    from rag.indexer import update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    assert main(["index", "--seeds", str(seeds / "a.txt"), "--index", str(index)]) == 1
    err = capsys.readouterr().err
    assert f"{seeds / 'a.txt'} is a file, not a folder" in err and f"it may be {seeds}" in err
    assert main(["index", "--seeds", str(seeds), "--index", str(seeds / "a.txt")]) == 1
    err = capsys.readouterr().err
    assert f"studyqa: error: {seeds / 'a.txt'} is a file, not a folder: give --index a folder" in err
    assert main(["index", "--seeds", str(seeds), "--index", str(seeds / "a.txt" / "index")]) == 1
    err = capsys.readouterr().err        # the system's words, in one line
    assert "studyqa: error: cannot make the index folder" in err and "(Not a directory); nothing was changed" in err
    assert main(["eval", str(seeds)]) == 1                       # a folder for a questions file
    assert capsys.readouterr().err.startswith("studyqa: error: Is a directory: ")
    assert main(["eval", "--cmrc", str(tmp_path / "no-split"), "--index", str(tmp_path / "cm")]) == 1
    assert "holds no corpus.jsonl" in capsys.readouterr().err
    assert not (tmp_path / "cm-seeds").exists()                  # nothing written for a wrong path
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    capsys.readouterr()
    assert main(["sessions", "--index", str(index), "--from", "2022", "--to", "2021"]) == 1
    assert "the start date (2022-01-01) is after the end date (2021-12-31)" in capsys.readouterr().err


def test_a_model_that_cannot_load_is_one_line(tmp_path, capsys):
    write(tmp_path / "seeds" / "a.txt", RECORD_A)
    assert main(["index", "--seeds", str(tmp_path / "seeds"), "--index", str(tmp_path / "index"),
                 "--model", str(tmp_path / "no-such-model")]) == 1
    err = capsys.readouterr().err
    assert "studyqa: error: cannot load embedding model" in err and "Traceback" not in err


def test_ask_notes_files_changed_since_the_index_was_built(tmp_path, capsys, bigram):
    from rag.cli import _note_seeds_changed
    from rag.indexer import update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    capsys.readouterr()     # the build's own lines (on a new machine: reading the dictionary once)
    _note_seeds_changed(index)
    assert capsys.readouterr().err == ""
    write(seeds / "new.txt", RECORD_A.replace("2021年5月6日", "2021年9月9日"))
    _note_seeds_changed(index)
    err = capsys.readouterr().err
    assert "1 record file(s) were added, changed or removed since the index was built (new.txt)" in err
    assert f"Run: studyqa index --index {index}" in err
    # a file read by an older record reader: said, as the page's Index tab says it
    (seeds / "new.txt").unlink()
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["a.txt"]["parser"] = 1
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    _note_seeds_changed(index)
    assert (f"note: 1 record file(s) were read by an older record reader; studyqa index --index {index} reads "
            "them again (only new text is embedded)") in capsys.readouterr().err


@pytest.mark.slow
def test_ctrl_c_at_any_moment_of_a_build_exits_130_with_one_line(tmp_path):
    """Ctrl-C while the model was still loading in the build's background thread could abort the
    interpreter on a busy machine ("terminate called without an active exception", exit 134); the
    CLI now leaves at once. Here: exit 130, the one-line message, no traceback, at three moments
    after the build has started (while the model loads, while files are read, while embedding)."""
    import os
    import signal
    import time
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    assert main(["index", "--seeds", str(seeds), "--index", str(index)]) == 0
    shutil.copy(SEED_FILE, seeds)
    for delay in (0.0, 0.3, 1.5):
        child = subprocess.Popen(
            [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
             "from rag.cli import main; sys.exit(main(sys.argv[1:]))",
             "index", "--seeds", str(seeds), "--index", str(index)],
            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"})
        assert child.stderr.readline().startswith("indexing ")   # imports done, the build begins
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        if child.returncode == 0:       # finished before the signal: nothing to check
            continue
        assert child.returncode == 130, err
        assert "terminate called" not in err and "Traceback" not in err, err
        # the signal may also land as the build ends, after the new index was saved
        assert ("studyqa: interrupted; the index is as it was before this build" in err
                or f"studyqa: {FINISHED_BEFORE_INTERRUPT}" in err), err
    assert main(["index", "--seeds", str(seeds), "--index", str(index)]) == 0


@pytest.mark.slow
def test_ctrl_c_stops_serve_with_130_and_one_line(tmp_path, seed_index):
    """`studyqa serve` ends on Ctrl-C as the other commands do: exit 130, one line, the port freed."""
    import os
    import signal
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    child = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
         "from rag.cli import main; sys.exit(main(sys.argv[1:]))",
         "serve", "--index", str(seed_index), "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"})
    try:
        assert "StudyQA is running at" in child.stdout.readline()
    finally:
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "studyqa: stopped; the page is closed" in err and "Traceback" not in err, err
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))          # free again


@pytest.mark.parametrize("moment, had_index, expected, files_after", [
    ("as the build starts", True, "interrupted; the index is as it was before this build", {"a.txt"}),
    ("after the build returned", True, FINISHED_BEFORE_INTERRUPT, {"a.txt", SEED_FILE.name}),
    ("as the build starts", False, "interrupted; no index was written yet", None)])
def test_ctrl_c_just_outside_the_builds_own_handler_says_what_became_of_the_index(
        tmp_path, monkeypatch, bigram, moment, had_index, expected, files_after):
    """A Ctrl-C that lands between the CLI's `indexing …` line and the build's own handler (or as
    the report is printed) said only `studyqa: interrupted` on a busy machine. It now says, from
    the index on disk, whether the index is as it was (or none was written) or the new one is
    complete."""
    from rag import cli, indexer
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    real_update = indexer.update_index
    if had_index:
        real_update(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    shutil.copy(SEED_FILE, seeds)

    def interrupted_update(seeds_dir, index_dir, **kwargs):
        if moment == "after the build returned":
            real_update(seeds_dir, index_dir, encoder=bigram, model=bigram.name, progress=None)
        raise KeyboardInterrupt
    monkeypatch.setattr(indexer, "update_index", interrupted_update)
    args = cli.build_parser().parse_args(["index", "--seeds", str(seeds), "--index", str(index)])
    with pytest.raises(indexer.BuildInterrupted, match=f"^{expected}$"):
        cli._cmd_index(args)
    if files_after is None:
        assert not (index / "manifest.json").exists()
    else:
        assert set(indexer.PassageIndex.load(index).files) == files_after


def test_ctrl_c_while_studyqa_is_still_loading_says_one_line(tmp_path):
    """The `studyqa` command (studyqa.py) catches a Ctrl-C that arrives while numpy, FAISS and the
    index code are still being imported, before rag.cli.main can: exit 130 and one line, not a
    traceback (which it printed for the first half second or so, and when the signal landed
    while the command line was still being parsed)."""
    import os
    import signal
    import time
    command = [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
               "import studyqa; sys.exit(studyqa.main())", "ask", "应急物资", "--index", str(tmp_path / "none")]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    # The signal lands at fractions of an uninterrupted run's length, so that a fast machine
    # (which finishes loading in a quarter second) is interrupted while loading too.
    started = time.monotonic()
    subprocess.run(command, capture_output=True, cwd=REPO, env=env, timeout=60)
    run_seconds = time.monotonic() - started
    interrupted = 0
    for share in (0.15, 0.3, 0.45, 0.6, 0.75):
        child = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 cwd=REPO, env=env)
        time.sleep(share * run_seconds)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        assert "Traceback" not in err, err
        if child.returncode == 130:
            assert err.strip() == "studyqa: interrupted", err
            interrupted += 1
    assert interrupted >= 2, interrupted


def test_ctrl_c_while_the_command_line_is_parsed_says_one_line():
    """The same, made certain: a Ctrl-C raised inside rag.cli.main before any command runs (the
    CI machine once caught the signal in argparse) ends with exit 130 and one line."""
    child = subprocess.run(
        [sys.executable, "-c", "import sys, rag.cli, studyqa\n"
         "def interrupted():\n    raise KeyboardInterrupt\n"
         "rag.cli.build_parser = interrupted\nsys.exit(studyqa.main())", "ask", "应急物资"],
        capture_output=True, text=True, cwd=REPO, timeout=60)
    assert child.returncode == 130, child.stderr
    assert child.stderr.strip() == "studyqa: interrupted", child.stderr


@pytest.mark.slow
def test_eval_cmrc_indexes_the_split_beside_the_index_and_scores_it(tmp_path, capsys, real_encoder):
    split, index = tmp_path / "dev", tmp_path / "cmrc-index"
    split.mkdir()
    passages = [("DEV_0", "长城", "长城是古代中国修建的军事防御工程，东起山海关，西至嘉峪关，全长两万多公里。"),
                ("DEV_1", "大熊猫", "大熊猫生活在四川、陕西和甘肃的山区，主要以竹子为食，是中国的国宝。")]
    write(split / "corpus.jsonl", "".join(json.dumps({"id": i, "title": t, "text": x}, ensure_ascii=False)
                                          + "\n" for i, t, x in passages))
    write(split / "queries.jsonl", "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in [
        {"id": "Q0", "question": "长城西边到哪里为止？", "context_id": "DEV_0", "answers": ["嘉峪关"]},
        {"id": "Q1", "question": "大熊猫平时吃什么？", "context_id": "DEV_1", "answers": ["竹子"]}]))
    assert main(["eval", "--cmrc", str(split), "--index", str(index)]) == 0
    captured = capsys.readouterr()
    assert "indexing the passages of 2 questions into" in captured.err
    assert sorted(p.name for p in (tmp_path / "cmrc-index-seeds").iterdir()) == ["DEV_0.txt", "DEV_1.txt"]
    all_row = next(line for line in captured.out.splitlines() if line.startswith("all"))
    assert all_row.split()[1:3] == ["2", "1.000"]          # n, R@1


def test_show_prints_the_whole_session_holding_a_line(tmp_path, capsys, bigram):
    """`studyqa show FILE:LINE` (the place `ask` prints) prints that session's header as written and
    every paragraph with its line, the one holding LINE marked; a wrong file is one plain line."""
    from rag.indexer import update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_A.replace("2021年5月6日", "2021年9月9日"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    assert main(["show", "a.txt:8", "--index", str(index)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2021年5月6日  《生态文明》  三楼会议室  a.txt  (2 段 paragraphs, lines 7–8)")
    assert out[1] == "时间：2021年5月6日\u3000地点:三楼会议室\u3000方式：集中学习\u3000学习主题：生态文明"
    assert out[2] == "     7  垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起，推动习惯养成。"
    assert out[3].startswith("▶    8  ") and "绿水青山就是金山银山" in out[3]
    # the place as `ask` prints it, with its note (a piece of a paragraph, a PDF's page)
    assert main(["show", "a.txt:8 (该段第2部分 part 2 of the paragraph)", "--index", str(index)]) == 0
    assert capsys.readouterr().out.splitlines()[3].startswith("▶    8  ")
    assert main(["show", "b.txt", "--index", str(index), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["at"]["date"] == "2021-09-09" and [p["line"] for p in shown["passages"]] == [7, 8]
    assert main(["show", "c.txt:3", "--index", str(index)]) == 1
    err = capsys.readouterr().err
    assert "'c.txt' is not an indexed file; the index holds 2 file(s): a.txt、b.txt" in err
    assert main(["show", "a.txt:999", "--index", str(index)]) == 1            # a.txt has 8 lines
    assert "'a.txt' has 8 lines; line 999 is past its end" in capsys.readouterr().err
    assert main(["show", ":3", "--index", str(index)]) == 2
    assert "studyqa show FILE:LINE" in capsys.readouterr().err


def test_show_marks_the_piece_of_a_long_paragraph_that_ask_cited(tmp_path, capsys, bigram):
    """A long paragraph in pieces on one line: `show a.txt:7` marks its first piece (it marked the
    last), and `show` with `ask`'s note marks the piece the note names."""
    from rag.indexer import update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", "集中学习记录\n时间：2021年5月6日\n学习主题：生态\n学习内容：\n\n\n"
          + "".join(f"第{n}句讲的是生态文明建设的第{n}个要求，要久久为功。" for n in range(1, 80)) + "\n")
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    assert main(["show", "a.txt:7", "--index", str(index), "--json"]) == 0
    at = json.loads(capsys.readouterr().out)["at"]
    assert (at["line"], at["part"]) == (7, 1)
    assert main(["show", "a.txt:7 (该段第3部分 part 3 of the paragraph)", "--index", str(index), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["at"]["part"] == 3


def test_show_a_file_whose_name_starts_with_a_dash(tmp_path, capsys, bigram):
    from rag.indexer import update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "-会议.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    assert main(["show", "-会议.txt:8", "--index", str(index)]) == 0        # as `ask` prints it
    assert capsys.readouterr().out.startswith("2021年5月6日")
    assert main(["show", "--index", str(index), "-会议.txt:8"]) == 0
    assert capsys.readouterr().out.startswith("2021年5月6日")


def test_a_damaged_manifest_is_rebuilt_only_from_the_folder_given(tmp_path, capsys, bigram):
    """`studyqa index --index DIR` with DIR's manifest.json damaged built it from ./seeds (or the
    checkout's), another folder's records, with no word said."""
    from rag.indexer import update_index
    seeds, index = tmp_path / "mine", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    (index / "manifest.json").write_text("{bad", encoding="utf-8")
    assert main(["ask", "垃圾分类", "--index", str(index)]) == 1
    assert f"Rebuild it with: studyqa index --seeds FOLDER --index {index}" in capsys.readouterr().err
    assert main(["index", "--index", str(index)]) == 1
    assert "damaged manifest.json, so the folder of records it was built from is not known" in capsys.readouterr().err


def test_output_options_that_exclude_each_other_and_text_no_terminal_can_take(capsys):
    with pytest.raises(SystemExit):         # `--json --csv x.csv` wrote no x.csv, and said nothing
        main(["sessions", "--json", "--csv", "x.csv"])
    assert "not allowed with argument --json" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ask", "疫情", "--json", "--markdown"])
    capsys.readouterr()
    # a question in GBK bytes on a UTF-8 system (surrogates in argv): said, not read as no content
    assert main(["ask", b"\xb3\xa4\xbd\xad".decode("utf-8", "surrogateescape")]) == 2
    assert "the question is not UTF-8 text" in capsys.readouterr().err


def test_show_a_header_line_gives_the_record_it_heads_and_takes_a_path_from_here(tmp_path, capsys, bigram,
                                                                               monkeypatch):
    """`grep -n 时间 记录.txt` then `studyqa show 记录.txt:LINE`: the record that line heads (it gave the
    one before); `./记录.txt:LINE` run in the records' folder is that file."""
    from rag.indexer import update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    second = RECORD_A.replace("2021年5月6日", "2021年9月9日")
    write(seeds / "c.txt", RECORD_A + second)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    lines = (RECORD_A + second).split("\n")
    date_line = lines.index("\t时间：2021年9月9日") + 1
    assert main(["show", f"c.txt:{date_line}", "--index", str(index)]) == 0
    assert capsys.readouterr().out.startswith("2021年9月9日")
    assert main(["show", f"c.txt:{date_line - 1}", "--index", str(index)]) == 0      # its title line
    assert capsys.readouterr().out.startswith("2021年9月9日")
    assert main(["show", "c.txt:8", "--index", str(index)]) == 0                      # text of the first
    assert capsys.readouterr().out.startswith("2021年5月6日")
    monkeypatch.chdir(seeds)
    assert main(["show", "./c.txt:8", "--index", str(index)]) == 0
    assert capsys.readouterr().out.startswith("2021年5月6日")


def test_show_line_zero_or_not_a_number_and_an_empty_questions_file(tmp_path, capsys):
    assert main(["show", "a.txt:0"]) == 2
    assert "lines are counted from 1" in capsys.readouterr().err
    empty = tmp_path / "q.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert main(["eval", str(empty)]) == 1
    assert "holds no question lines" in capsys.readouterr().err
