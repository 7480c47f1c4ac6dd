"""Failures are safe and explained: killed builds, bad files, any text at all."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import RECORD_A, RECORD_B, REPO, write
from rag import PassageIndex, Searcher, update_index, zh
from rag.passages import session_passages
from rag.records import parse_sessions

TESTS = Path(__file__).resolve().parent


def build(seeds, index, enc):
    return update_index(seeds, index, encoder=enc, model=enc.name, progress=None)


# ---- a build killed at any moment leaves the previous index usable ---------------------------
CHILD = r"""
import sys, time
sys.path[:0] = [{tests!r}, {repo!r}]
from conftest import BigramEncoder
import rag.store as store
marker, stage = {marker!r}, {stage!r}

class SlowEncoder(BigramEncoder):
    def encode_passages(self, texts, batch_size=None, progress=None):
        if stage == "embedding":
            open(marker, "w").write("embedding"); time.sleep(120)
        return super().encode_passages(texts, batch_size, progress)

real_write = store.faiss.write_index
def slow_write(index, path):
    real_write(index, path)
    if stage == "writing":
        open(marker, "w").write("writing"); time.sleep(120)
store.faiss.write_index = slow_write

from rag import update_index
update_index({seeds!r}, {index!r}, encoder=SlowEncoder(), model="test-bigram", progress=None)
"""


@pytest.mark.parametrize("stage", ["embedding", "writing"])
def test_sigkill_during_build_keeps_previous_index(tmp_path, bigram, stage):
    seeds, index, marker = tmp_path / "seeds", tmp_path / "index", tmp_path / "marker"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    write(seeds / "b.txt", RECORD_B)
    script = CHILD.format(tests=str(TESTS), repo=str(REPO), marker=str(marker), stage=stage,
                          seeds=str(seeds), index=str(index))
    child = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 60
    while not marker.exists():
        assert child.poll() is None, "the build ended before reaching the stage to kill"
        assert time.time() < deadline
        time.sleep(0.05)
    # while that build is stuck mid-way, searches answer from the previous index
    during = Searcher(index, encoder=bigram).search("乡村振兴要发展特色产业", k=5)
    assert during and all(h.source == "a.txt" for h in during)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    # the previous index answers as before, searching works
    assert len(PassageIndex.load(index)) == 2
    assert Searcher(index, encoder=bigram).search("垃圾分类", k=1)[0].source == "a.txt"
    # the next build completes (the lock died with the process) and cleans up
    report = build(seeds, index, bigram)
    assert report.added == ["b.txt"] and report.passages_total == 4
    assert Searcher(index, encoder=bigram).search("乡村振兴要发展特色产业", k=1)[0].source == "b.txt"
    leftovers = [p.name for p in index.iterdir() if p.suffix in (".faiss", ".jsonl", ".npy", ".json")
                 and p.name != "manifest.json"]
    # one generation's files: vectors, passages, sentences, topics (2) and lexical counts (5)
    assert len(leftovers) == 10, leftovers


def test_search_keeps_answering_while_a_build_runs(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    searcher = Searcher(index, encoder=bigram)
    assert searcher.search("垃圾分类", k=1)[0].source == "a.txt"
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)   # the same Searcher object picks up the new generation
    assert searcher.search("乡村振兴要发展特色产业", k=1)[0].source == "b.txt"


# ---- bad input files are reported and skipped -------------------------------------------------
def _docx(path: Path, header_rows, paragraphs):
    import docx
    document = docx.Document()
    document.add_paragraph("集中学习记录")
    table = document.add_table(rows=0, cols=2)
    for label, value in header_rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_docx_record_with_header_table(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    _docx(seeds / "记录.docx", [("时间", "2021年9月1日"), ("地点", "党员活动室"), ("学习主题", "学习新思想")],
          ["学习内容：", "第一段，学习新时代中国特色社会主义思想的世界观和方法论。"])
    report = build(seeds, index, bigram)
    assert report.added == ["记录.docx"] and not report.problems
    [hit] = Searcher(index, encoder=bigram).search("世界观和方法论", k=1)
    assert (hit.date, hit.place, hit.topic, hit.source) == ("2021-09-01", "党员活动室", "学习新思想", "记录.docx")


@pytest.mark.parametrize("suffix, main_type", [
    (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
    (".dotm", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
])
def test_a_word_document_with_macros_or_a_template_is_read_as_a_docx(tmp_path, bigram, suffix, main_type):
    """Word saves these with the same parts as a .docx, its main part named otherwise; python-docx
    refused them (and the index listed them as unsupported)."""
    import zipfile
    made = _docx(tmp_path / "made.docx", [("时间", "2021年9月1日"), ("地点", "党员活动室")],
                 ["学习内容：", "第一段，学习新时代中国特色社会主义思想的世界观和方法论。"])
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(seeds / f"记录{suffix}", "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    main_type.encode())
                assert main_type.encode() in data
            out.writestr(item, data)
    report = build(seeds, index, bigram)
    assert report.added == [f"记录{suffix}"] and not report.problems
    [hit] = Searcher(index, encoder=bigram).search("世界观和方法论", k=1)
    assert (hit.date, hit.place, hit.source) == ("2021-09-01", "党员活动室", f"记录{suffix}")


def test_docx_record_with_a_form_of_paired_cells(tmp_path, bigram):
    """The common Word form: two label/value pairs a row (| 时间 | … | 地点 | … |), who chaired and
    took the minutes among them, and the studied text in a merged cell across the row."""
    import docx
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    document = docx.Document()
    document.add_paragraph("集中学习记录")
    table = document.add_table(rows=0, cols=4)
    for row in (("时间", "2021年9月1日", "地点", "党员活动室"), ("主持人：", "王书记", "记录人", "赵六"),
                ("学习形式", "集中学习", "学习主题", "学习新思想")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    content = table.add_row().cells
    content[0].text = "学习内容"
    merged = content[1].merge(content[3])
    merged.text = "第一段，学习新时代中国特色社会主义思想的世界观和方法论。"
    document.save(str(seeds / "表格记录.docx"))
    report = build(seeds, index, bigram)
    assert report.added == ["表格记录.docx"] and not report.problems
    searcher = Searcher(index, encoder=bigram)
    [hit] = searcher.search("世界观和方法论", k=1)
    assert (hit.date, hit.place, hit.format, hit.topic) == ("2021-09-01", "党员活动室", "集中学习", "学习新思想")
    assert hit.text == "第一段，学习新时代中国特色社会主义思想的世界观和方法论。"
    assert "主持人：王书记" in searcher.header_of(hit)


def _numbered_headings_docx(path: Path) -> Path:
    """A record whose headings are a Word numbered list (`一、` `二、` from numbering.xml, as Word's
    Chinese numbering writes them, not typed), with a `（一）` list below the first, and a `1.` item
    numbered through the built-in List Number style."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
        return paragraph

    for line in ("集中学习记录", "时间：2021年9月1日", "地点：党员活动室", "学习主题：学习新思想", "学习内容："):
        document.add_paragraph(line)
    numbered("关于理论武装", 0)
    numbered("读原著学原文", 1)
    document.add_paragraph("要坚持读原著、学原文、悟原理，把学习成果转化为推动工作的实际行动。")
    numbered("关于调查研究", 0)
    document.add_paragraph("要大兴调查研究之风，深入基层一线，听取群众意见，解决实际问题。")
    document.add_paragraph("每月至少开展一次调研，形成调研报告并在支部会上交流。", style="List Number")
    document.save(str(path))
    return path


def test_a_word_numbered_list_keeps_the_numbers_word_shows(tmp_path, bigram):
    """Headings typed as a Word numbered list hold no `一、` in their text; it is read from the
    document's numbering as Word shows it, so they are section headings as in a .txt record."""
    from rag.records import docx_text
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    path = _numbered_headings_docx(seeds / "编号记录.docx")
    lines = docx_text(path).split("\n")
    assert lines[5:] == ["一、关于理论武装", "（一）读原著学原文", "要坚持读原著、学原文、悟原理，把学习成果转化为推动工作的实际行动。",
                         "二、关于调查研究", "要大兴调查研究之风，深入基层一线，听取群众意见，解决实际问题。",
                         "1.每月至少开展一次调研，形成调研报告并在支部会上交流。"]
    build(seeds, index, bigram)
    searcher = Searcher(index, encoder=bigram)
    assert searcher.search("大兴调查研究之风", k=1)[0].heading == "二、关于调查研究"
    outline = searcher.ask("学习新思想的讲话提纲是什么？", k=1, mode="lexical")[1].outline
    assert [h for h, _ in outline.headings] == ["一、关于理论武装", "（一）读原著学原文", "二、关于调查研究"]
    assert outline.parts() == ["一、关于理论武装", "二、关于调查研究"] and "分 2 个部分" in outline.summary()
    # its parts are the `一、` headings, the `（一）` under the first within it
    hits, understood = searcher.ask("学习新思想的讲话第一部分讲了什么", k=5, mode="lexical")
    assert (understood.part.heading, understood.part.of) == ("一、关于理论武装", 2)
    assert [h.heading for h in hits] == ["（一）读原著学原文"]


def test_headings_word_styles_without_a_number_are_section_headings(tmp_path, bigram):
    """Subheads set in a heading style (`标题 2`, as a copied article's `坚持人民至上` are) hold no
    `一、`: Word's style says they are headings, so they head the passages below them and outline the
    speech. A speech title styled as a heading stays with the text it opens."""
    import docx
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    document = docx.Document()
    for line in ("集中学习记录", "时间：2021年9月1日", "地点：党员活动室", "学习主题：学习抗疫精神", "学习内容："):
        document.add_paragraph(line)
    document.add_paragraph("在全国抗击新冠肺炎疫情表彰大会上的讲话", style="Heading 1")
    document.add_paragraph("同志们：")
    document.add_paragraph("坚持人民至上", style="Heading 2")
    document.add_paragraph("人民至上、生命至上，保护人民生命安全和身体健康可以不惜一切代价。")
    document.add_paragraph("要把人民群众生命安全和身体健康放在第一位，这是我们党的执政理念。")
    document.add_paragraph("坚持科学精神", style="Heading 2")
    document.add_paragraph("科学论证、科学决策，依靠科技战胜疫情，是这场斗争的重要经验。")
    document.save(str(seeds / "抗疫精神.docx"))
    build(seeds, index, bigram)
    searcher = Searcher(index, encoder=bigram)
    assert searcher.search("这是我们党的执政理念", k=1)[0].heading == "坚持人民至上"
    assert searcher.search("依靠科技战胜疫情", k=1)[0].heading == "坚持科学精神"
    [first] = searcher.search("保护人民生命安全可以不惜一切代价", k=1)
    assert first.text.startswith("在全国抗击新冠肺炎疫情表彰大会上的讲话\n同志们：")
    outline = searcher.ask("表彰大会上的讲话分为哪几个部分？", k=1, mode="lexical")[1].outline
    assert outline.parts() == ["坚持人民至上", "坚持科学精神"]
    assert outline.title == "在全国抗击新冠肺炎疫情表彰大会上的讲话"


def test_which_paragraphs_word_shows_as_headings():
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from rag.word_styles import HeadingStyles
    document = docx.Document()
    mine = document.styles.add_style("小标题", WD_STYLE_TYPE.PARAGRAPH)
    mine.base_style = document.styles["Heading 2"]          # a branch's own style, based on a heading
    level = document.styles.add_style("大纲一级", WD_STYLE_TYPE.PARAGRAPH)
    level.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    body_text = document.add_paragraph("正文级别", style="Heading 1")   # outline level 9: body text
    body_text._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    paragraphs = [document.add_paragraph("甲", style="小标题"), document.add_paragraph("乙", style="大纲一级"),
                  document.add_paragraph("丙"), document.add_paragraph("丁", style="Title"), body_text]
    direct = document.add_paragraph("戊")
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    styles = HeadingStyles(document)
    assert [styles.is_heading(p._p) for p in paragraphs + [direct]] == [True, True, False, False, False, True]


def test_word_list_numbers_in_their_formats():
    from rag.word_numbering import format_number
    assert [format_number(n, "chineseCounting") for n in (1, 10, 12, 20, 105, 115, 121)] == [
        "一", "十", "十二", "二十", "一百零五", "一百一十五", "一百二十一"]
    assert format_number(3, "ideographTraditional") == "丙" and format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert format_number(7, "decimal") == "7" and format_number(1, "bullet") == ""


def test_bad_files_are_named_with_a_reason_and_the_rest_indexed(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "good.txt", RECORD_A)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.txt").write_text(" \n\t\n")
    (seeds / "fake.docx").write_bytes(b"this is not a word document")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(seeds / "huge.txt", "wb") as big:   # 50 MB of text
        big.write(("这是一行很长的测试文字。" * 100 + "\n").encode() * 17000)
    report = build(seeds, index, bigram)
    problems = {p.source: p.reason for p in report.problems}
    assert report.added == ["good.txt"] and report.passages_total == 2
    assert "empty" in problems["empty.txt"] and "empty" in problems["blank.txt"]
    assert "not a Word document" in problems["fake.docx"]
    assert "binary" in problems["binary.txt"]
    assert "MB" in problems["huge.txt"]


# ---- the parser and splitter never crash and never lose text ----------------------------------
_pieces = st.sampled_from([
    "集中学习记录", "时间：", "时间:", "地点：", "方式:", "学习主题：", "学习内容：", "2020年3月4日", "二〇二〇年三月",
    "\t", "\u3000\u3000", " ", "\n", "\n\n", "\r\n", "。", "！", "？", "；", "，", "：", "一、", "（二）",
    "同志们：", "习近平", "疫情防控", "脱贫攻坚", "abc", "123", "“", "”", "<script>", "9999年99月99日",
    "主持人：", "参加人员:", "第一党支部集中学习记录", "学习纪要", "（第3次）", "12月5日", "三月四日",
])
_texts = st.lists(st.one_of(_pieces, st.text(max_size=30)), max_size=60).map("".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts, st.integers(min_value=40, max_value=500))
def test_parser_and_splitter_never_crash_and_keep_all_text(text, max_chars):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sessions = parse_sessions(text, "x.txt")
    passages = [p for s in sessions for p in session_passages(s, max_chars=max_chars)]
    assert all(0 < len(p.text) <= max_chars for p in passages)
    body = "".join(p.text for p in passages).replace("\n", "")
    headings = {p.heading for p in passages if p.heading}
    fields = {v for s in sessions for v in (s.date_text, s.place, s.format, s.topic) if v}
    header_lines = {line for s in sessions for line in s.header}     # titles worded otherwise, 主持人…
    for line in text.split("\n"):
        cleaned = zh.clean_line(line)
        # (a rule line, `===`, is decoration: kept inside a session, no session of its own)
        if not cleaned or zh.is_title_line(cleaned) or cleaned in header_lines or zh.is_rule_line(cleaned):
            continue
        # the title with the first field after it (`集中学习记录\t时间：…`): that field is the header's
        cleaned = zh.fields_after_title(cleaned) or cleaned
        # (or joined to the header line above it: a topic wrapped onto two lines, records.py)
        if cleaned in header_lines or any(cleaned in kept for kept in header_lines):
            continue
        # a line of fields (several, `主持人：张三\t学习内容：…`): each value kept as a field, in the
        # header or in the text
        line_fields = zh.match_fields(cleaned)
        if line_fields and all(not value or value in fields or value in body
                               or any(value in kept for kept in header_lines) for _, value in line_fields):
            continue
        assert cleaned in body or cleaned in headings, cleaned


@pytest.mark.slow
@pytest.mark.parametrize("slow_submission", [False, True])
def test_ctrl_c_stops_bulk_embedding_within_seconds(tmp_path, slow_submission):
    """Bulk embedding submits all its texts to a thread pool in one call; Ctrl-C must drop the
    texts not started yet rather than embed everything first (20,000 sentences take about a
    minute), also when it comes while they are still being submitted (made slow here: a loaded
    machine once took 59 s to stop, waiting for all that had been submitted)."""
    script = tmp_path / "embed.py"
    slow = ("import time, concurrent.futures as cf\n"
            "submit = cf.ThreadPoolExecutor.submit\n"
            "cf.ThreadPoolExecutor.submit = lambda self, *a, **k: (time.sleep(0.0002), submit(self, *a, **k))[1]\n")
    script.write_text(
        f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
        # a test run started in the background (`bash .ci/run &`) ignores SIGINT, and so would
        # this child: Ctrl-C is what is tested, so it is turned back on
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        + (slow if slow_submission else "") +
        "from embeddings import load_encoder\n"
        "encoder = load_encoder()\n"
        "texts = ['把生物安全纳入国家安全体系，系统规划国家生物安全风险防控和治理体系建设。%d' % i "
        "for i in range(20000)]\n"
        "print('start', flush=True)\n"
        "encoder.encode_passages(texts)\n"
        "print('finished', flush=True)\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert child.stdout.readline().strip() == "start"
    time.sleep(3)
    interrupted = time.monotonic()
    child.send_signal(signal.SIGINT)
    output = child.communicate(timeout=60)[0]
    assert "finished" not in output and "KeyboardInterrupt" in output
    assert time.monotonic() - interrupted < 10


def test_docx_content_controls_tracked_insertions_and_soft_breaks_are_read_as_word_shows_them(tmp_path):
    """A date picker in `时间：` and a content control around the studied text (Word forms use
    both), words inserted with Track Changes on, and a soft line break before a styled heading:
    none of their text is lost, and the heading stays on its own line."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from rag.records import load_sessions
    first, second = "党章是党的根本大法，是全党必须共同遵守的根本行为规范。", "纪律处分条例是全面从严治党的重要制度安排。"
    document = docx.Document()
    document.add_paragraph("集中学习记录")
    when = document.add_paragraph()
    when.add_run("时间：")
    when._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:r><w:t>2020年3月11日</w:t></w:r>'
                             '</w:sdtContent></w:sdt>'))
    document.add_paragraph("地点：三楼会议室\n方式：集中学习")         # a soft line break
    document.add_paragraph("学习内容：")
    block = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>{first}</w:t></w:r></w:p>'
                      f'<w:p><w:r><w:t>要坚持</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>以人民为中心的发展思想，'
                      f'</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删掉的话，</w:delText></w:r>'
                      f'</w:del><w:r><w:t>不断增强人民群众的获得感。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    document.element.body.insert(len(document.element.body) - 1, block)
    document.add_paragraph("坚持人民至上", style="Heading 1")
    document.add_paragraph(second)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    document.save(str(seeds / "a.docx"))
    [session] = load_sessions(seeds / "a.docx", seeds)
    assert (session.date, session.place, session.format) == ("2020-03-11", "三楼会议室", "集中学习")
    texts = [p.text for p in session_passages(session)]
    assert texts[:2] == [first, "要坚持以人民为中心的发展思想，不断增强人民群众的获得感。"]
    [last] = [p for p in session_passages(session) if second in p.text]
    assert last.heading == "坚持人民至上" and last.text == second


def test_docx_table_a_label_merged_down_and_word_numbers_in_cells(tmp_path):
    """The usual 集中学习记录表: `学习内容` merged down over two rows (python-docx gives the merged
    cell again in the second row), and Word's own list numbers in a cell, as in the body."""
    import docx

    from rag.records import load_sessions
    document = docx.Document()
    document.add_paragraph("集中学习记录")
    table = document.add_table(rows=0, cols=2)
    for label, value in (("时间", "2020年3月11日"), ("地点", "三楼会议室")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    first, second = table.add_row().cells, table.add_row().cells
    first[0].text = "学习内容"
    first[0].merge(second[0])
    first[1].paragraphs[0].text = "认真学习党章"
    first[1].paragraphs[0].style = document.styles["List Number"]
    first[1].add_paragraph("党章是党的根本大法，是全党必须共同遵守的根本行为规范。")
    second[1].paragraphs[0].text = "严守纪律规矩"
    second[1].paragraphs[0].style = document.styles["List Number"]
    second[1].add_paragraph("纪律处分条例是全面从严治党的重要制度安排。")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    document.save(str(seeds / "a.docx"))
    [session] = load_sessions(seeds / "a.docx", seeds)
    passages = session_passages(session)
    assert session.date == "2020-03-11" and not any("学习内容" in p.text for p in passages)
    assert [(p.heading, p.text) for p in passages] == [
        ("1.认真学习党章", "党章是党的根本大法，是全党必须共同遵守的根本行为规范。"),
        ("2.严守纪律规矩", "纪律处分条例是全面从严治党的重要制度安排。")]
