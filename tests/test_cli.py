import json
import shutil
import subprocess
import sys

import pytest

from conftest import RECORD_A, SEED_FILE, write
from rag.cli import main


def test_missing_index_is_a_plain_error_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "问题", "--index", str(tmp_path / "none")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "no index at" in proc.stderr and "studyqa index --index" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_k_is_refused(capsys):
    assert main(["ask", "问题", "--k", "0"]) == 2
    assert "--k must be at least 1" in capsys.readouterr().err


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
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 3
    assert hits[0]["source"] == "new.txt" and hits[0]["date"] == "2021-05-06"
    for field in ("text", "score", "date", "topic", "place", "source", "paragraph", "heading"):
        assert field in hits[0]

    assert main(["ask", "应急物资保障要遵循哪些原则？", "--index", str(index)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("[1]") and "2020年3月4日" in text and "集中管理、统一调拨" in text

    assert main(["ask", "问题", "--index", str(index), "--model", "other-model"]) == 1
    assert "rebuild the index with: studyqa index --index" in capsys.readouterr().err


def test_plain_words_for_what_users_get_wrong(capsys, monkeypatch):
    assert main(["ask", "  "]) == 2
    assert "the question is empty" in capsys.readouterr().err
    assert main([]) == 2                                     # bare `studyqa`: its help
    assert "{index,ask,serve,eval}" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["serve", "--port", "99999"])
    assert "'99999' is not a port number" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("studyqa ")


def test_a_model_that_cannot_load_is_one_line(tmp_path, capsys):
    write(tmp_path / "seeds" / "a.txt", RECORD_A)
    assert main(["index", "--seeds", str(tmp_path / "seeds"), "--index", str(tmp_path / "index"),
                 "--model", str(tmp_path / "no-such-model")]) == 1
    err = capsys.readouterr().err
    assert "studyqa: error: cannot load embedding model" in err and "Traceback" not in err
