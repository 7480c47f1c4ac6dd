"""Binding, uploads and escaping: the defaults are safe on a shared office network."""
from pathlib import Path

import pytest

from rag.store import StudyQAError
from rag.uploads import UploadRejected, safe_filename, save_upload
from ui.app import is_loopback, read_auth, serve


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                        ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                        ("example.org", False)])
def test_loopback_detection(host, loop):
    assert is_loopback(host) is loop


def test_public_host_without_password_is_refused(tmp_path):
    with pytest.raises(StudyQAError, match="--auth USER:PASSWORD"):
        serve(index_dir=tmp_path / "none", host="0.0.0.0", port=1)


def test_auth_parsing(tmp_path):
    assert read_auth("alice:s3cret") == [("alice", "s3cret")]
    f = tmp_path / "users"
    f.write_text("# users\nbob:pw:with:colons\n\ncarol:x\n")
    assert read_auth(auth_file=f) == [("bob", "pw:with:colons"), ("carol", "x")]
    for bad in ("alice", ":pw", "alice:"):
        with pytest.raises(ValueError, match="USER:PASSWORD"):
            read_auth(bad)
    empty = tmp_path / "nobody"
    empty.write_text("# no users yet\n\n")
    with pytest.raises(ValueError, match="holds no USER:PASSWORD line"):
        read_auth(auth_file=empty)
    # saved by Notepad (a byte-order mark): the first user's name is `alice`, not `\ufeffalice`
    notepad = tmp_path / "notepad"
    notepad.write_bytes(b"\xef\xbb\xbfalice:pw\nbob\n")
    with pytest.raises(ValueError, match=f"{notepad}:2: auth must be USER:PASSWORD"):   # which file, which line
        read_auth(auth_file=notepad)
    notepad.write_bytes(b"\xef\xbb\xbfalice:pw\n")
    assert read_auth(auth_file=notepad) == [("alice", "pw")]
    with pytest.raises(ValueError, match="the auth file .*missing cannot be read"):
        read_auth(auth_file=tmp_path / "missing")


@pytest.mark.parametrize("name, safe", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\win.TXT", "win.txt"),
    (".hidden.md", "hidden.md"),
    ("2020年3月4日 学习记录.docx", "2020年3月4日 学习记录.docx"),
    ("a<b>|c?.txt", "a_b__c_.txt"),
    ("", "upload"),
])
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_uploads_stay_in_seeds_never_overwrite_and_respect_type_and_size(tmp_path):
    seeds = tmp_path / "seeds"
    src = tmp_path / "upload.bin"
    src.write_text("集中学习记录\n学习内容：\n内容。\n")
    first = save_upload(src, "../../记录.txt", seeds)
    other = tmp_path / "other.bin"
    other.write_text("集中学习记录\n学习内容：\n另一次的内容。\n")
    second = save_upload(other, "记录.txt", seeds)
    assert first == seeds / "记录.txt" and second == seeds / "记录 (2).txt"
    # the same file again, under any name: refused, as its sessions would count twice
    with pytest.raises(UploadRejected, match="the records folder holds the same file already \\(记录.txt\\)"):
        save_upload(src, "记录副本.txt", seeds)
    assert sorted(p.name for p in seeds.iterdir()) == ["记录 (2).txt", "记录.txt"]
    with pytest.raises(UploadRejected, match="only .txt, .md, .docx"):
        save_upload(src, "evil.sh", seeds)
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(UploadRejected, match="20 MB limit"):
        save_upload(big, "big.txt", seeds)
    assert not (tmp_path / "记录.txt").exists()
    # a long Chinese name (3 bytes a character) is cut to what a file system takes, the type kept
    for n in range(2):
        src.write_text(f"集中学习记录\n学习内容：\n第{n}份内容。\n")
        long = save_upload(src, "学" * 100 + ".txt", seeds)
        assert long.name == "学" * 60 + (".txt" if n == 0 else " (2).txt") and long.is_file()


def test_an_upload_that_cannot_be_read_is_refused_and_not_kept(tmp_path):
    seeds = tmp_path / "seeds"
    fake = tmp_path / "upload"
    fake.write_bytes(b"not a zip")
    with pytest.raises(UploadRejected, match="bad.docx was not added: it has the .docx extension but "
                                             "is not a Word document"):
        save_upload(fake, "bad.docx", seeds)
    binary = tmp_path / "binary"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(UploadRejected, match="bin.txt was not added: it looks like a binary file"):
        save_upload(binary, "bin.txt", seeds)
    assert list(seeds.iterdir()) == []       # no copy, no leftover temporary file


def test_an_upload_on_a_full_disk_leaves_no_hidden_part_filling_it(tmp_path, monkeypatch):
    import errno
    import shutil
    seeds = tmp_path / "seeds"
    upload = tmp_path / "upload"
    upload.write_text("集中学习记录\n时间：2021年5月6日\n学习内容：\n正文。\n", encoding="utf-8")

    def disk_full(src, dst):
        Path(dst).write_bytes(b"half of it")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save_upload(upload, "记录.txt", seeds)
    assert list(seeds.iterdir()) == []
