"""`studyqa index | ask | show | sessions | serve | eval`: the command line. Errors are printed in
plain words."""
from __future__ import annotations

import argparse
import json
import os
import shlex
import re
import sys
import threading
from pathlib import Path

from embeddings import ModelLoadError

from .search import default_index_dir, seeds_dir_for
from .store import StudyQAError


def _cmd_index(args) -> int:
    from .indexer import BuildInterrupted, interrupted_around_build, update_index
    from .store import manifest_stamp, read_manifest
    index = Path(args.index) if args.index else default_index_dir()
    if not args.seeds and not os.environ.get("STUDYQA_SEEDS") and (index / "manifest.json").is_file() \
            and read_manifest(index) is None:
        # which folder it was built from is in the damaged file: another folder's records would
        # silently take its place
        raise StudyQAError(f"the index at {index} has a damaged manifest.json, so the folder of records it was "
                           f"built from is not known; give it: studyqa index --seeds FOLDER --index {index}")
    seeds = seeds_dir_for(index, args.seeds)
    stamp_before = manifest_stamp(index)
    try:
        print(f"indexing {seeds} -> {index}", file=sys.stderr)
        report = update_index(seeds, index, model=args.model, reparse=args.reparse)
        print(report.summary())
    except BuildInterrupted:        # the build's own handler said what it kept
        raise
    except KeyboardInterrupt:
        # Landed outside the build's handler (just before it, or as the report was printed):
        # the disk tells what became of the index.
        raise interrupted_around_build(index, stamp_before) from None
    return 0


def _searcher(args):
    from .search import get_searcher
    return get_searcher(args.index, model=getattr(args, "model", None))


def _cmd_ask(args) -> int:
    from .zh import format_dates_cn
    if not args.question.strip():
        print('studyqa: error: the question is empty; ask like: studyqa ask "应急物资保障要遵循哪些原则？"',
              file=sys.stderr)
        return 2
    searcher = _searcher(args)
    filters = dict(date_from=args.date_from, date_to=args.date_to, place=args.place, source=args.source)
    hits, understood = searcher.ask(args.question, k=args.k, **filters)
    _note_seeds_changed(searcher.index_dir)
    if args.json:
        print(json.dumps({"question": args.question, "understood": understood.to_dict(),
                          "hits": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=2))
        return 0
    if args.markdown:
        from .export import hits_markdown, stamp
        print(hits_markdown(args.question, [h.to_dict() for h in hits], understood.describe(outline=False), stamp(),
                            understood.outline))
        return 0
    if understood.describe(outline=False):
        print(understood.describe(outline=False) + "\n")
    if understood.outline is not None:
        print(understood.outline.summary())
        for heading, line in understood.outline.headings:       # a heading within a part indented
            print(f"  {'' if understood.outline.is_part(heading) else '    '}{heading}  ({understood.outline.source}:{line})")
        print()
    if not hits and not understood.nothing_passes:
        print("no passages found (is the index empty, or are the filters too narrow?)")
    for rank, h in enumerate(hits, start=1):
        where = h.where
        score = "" if understood.listed() else f"{h.score:.3f}  "
        print(f"[{rank}] {score}{format_dates_cn(h.date, h.date_end)}  《{h.topic or '无主题'}》  "
              f"{h.place or ''}  {where}")
        if h.text_opening:
            print(f"    本篇 this text: {h.text_opening}")
        if h.heading:
            print(f"    {h.heading}")
        print("    " + h.text.replace("\n", "\n    "))
        for a, b in h.highlights:
            print(f"    → {h.text[a:b]}")
        if h.also_dates:
            print(f"    also studied on: {', '.join(h.also_dates)}")
        print(f"    {h.citation}")
        print()
    return 0


def _cmd_show(args) -> int:
    from .zh import format_dates_cn
    # `a.pdf:57 (第3页 page 3)`, `a.txt:57 (该段第2部分 …)` as `ask` prints them: the note is no part of it
    piece = re.search(r"该段第\s*(\d+)\s*部分|part (\d+) of the paragraph", args.where)
    part = int(piece.group(1) or piece.group(2)) if piece else 0
    where = re.sub(r"\s*\([^()]*\)\s*$", "", args.where)
    source, colon, line = where.rpartition(":")
    if not colon or not re.fullmatch(r"[0-9]+", line.strip()):     # FILE alone: its first session
        source, line = where, "1"
    if int(line) < 1:
        print(f"studyqa: error: lines are counted from 1: give {source}:1 or a later line", file=sys.stderr)
        return 2
    if not source.strip():
        print("studyqa: error: say which file: studyqa show FILE:LINE, as `studyqa ask` prints it "
              "(000_5fe3251cdd8066f2.txt:175)", file=sys.stderr)
        return 2
    searcher = _searcher(args)
    record = searcher.record_at(source.strip(), int(line), part)
    _note_seeds_changed(searcher.index_dir)
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    at, whole = record["at"], record["passages"]
    print(f"{format_dates_cn(at['date'], at.get('date_end'))}  《{at['topic'] or '无主题'}》  {at['place'] or ''}  {at['source']}  "
          f"({len(whole)} 段 paragraphs, lines {whole[0]['line']}–{whole[-1]['line']})")
    print(record["header"])
    heading = None
    for p in whole:
        if p["heading"] and p["heading"] != heading:
            print(f"\n      {p['heading']}")
        heading = p["heading"]
        mark = "▶" if p["paragraph"] == at["paragraph"] else " "
        print(f"{mark}{p['line']:>5}  " + p["text"].replace("\n", "\n       "))
    return 0


def _cmd_sessions(args) -> int:
    from .sessions import sessions_csv
    from .zh import format_dates_cn
    searcher = _searcher(args)
    args.holding = (args.holding or "").strip() or None         # `--holding "  "`: no term
    rows = searcher.sessions(args.date_from, args.date_to, args.place, args.source, args.holding)
    _note_seeds_changed(searcher.index_dir)
    if args.json:
        print(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2))
        return 0
    if args.csv == "-":
        sys.stdout.write(sessions_csv(rows))
        return 0
    if args.csv:
        try:
            Path(args.csv).write_text(sessions_csv(rows), encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise StudyQAError(f"cannot write {args.csv}: {exc.strerror or exc}; give a file in a folder "
                               f"you can write to") from exc
        print(f"wrote {len(rows)} sessions to {args.csv}")
        return 0
    for row in rows:
        where = f"{row.passages} 段含“{args.holding.strip()}” passages holding it" if args.holding else f"{row.passages} 段 passages"
        print(f"{format_dates_cn(row.date, row.date_end)}  {row.place or '—'}  {row.format or '—'}  "
              f"《{row.topic or '无主题'}》  {row.source}:{row.line}  ({where})")
    total = searcher.index.session_count()
    shown = f"{len(rows)} of {total}" if len(rows) != total else f"{total}"
    print(f"{shown} 次学习 sessions" + ("" if rows or not total else
                                       "; no session passes these filters (studyqa sessions lists them all)"))
    return 0


def _note_seeds_changed(index_dir: Path) -> None:
    """Answers come from the index as last built: say so when the seeds folder has moved on."""
    from .indexer import seeds_changes
    from .records import PARSER_VERSION
    from .store import read_manifest
    changed = seeds_changes(seeds_dir_for(index_dir), index_dir)
    command = "studyqa index" + (f" --index {shlex.quote(str(index_dir))}" if index_dir != default_index_dir() else "")
    if changed:
        names = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        print(f"note: {len(changed)} record file(s) were added, changed or removed since the index was "
              f"built ({names}); these answers do not include them yet. Run: {command}", file=sys.stderr)
    # as the page's Index tab says it: what this reader reads better shows once they are read again
    older = [s for s, entry in ((read_manifest(index_dir) or {}).get("files") or {}).items()
             if entry.get("parser", 1) != PARSER_VERSION and s not in changed]
    if older:
        print(f"note: {len(older)} record file(s) were read by an older record reader; {command} reads them "
              "again (only new text is embedded)", file=sys.stderr)


def _cmd_serve(args) -> int:
    # Load the index and the model while Gradio imports: each takes seconds, and the searcher is
    # shared, so serve() finds it warm. Errors surface there, with their plain message.
    threading.Thread(target=_warm_quietly, args=(args.index,), daemon=True).start()
    from ui.app import read_auth, serve
    serve(index_dir=args.index, seeds_dir=args.seeds, host=args.host, port=args.port,
          auth=read_auth(args.auth, args.auth_file))
    return 0


def _warm_quietly(index_dir) -> None:
    from .search import get_searcher
    try:
        get_searcher(index_dir).warm_up()
    except Exception:  # noqa: BLE001 - serve() repeats the call and reports the error
        pass


def _cmd_eval(args) -> int:
    from .evaluate import evaluate, index_cmrc, load_questions
    if args.cmrc:
        from .search import Searcher
        index_dir = Path(args.index or f"cmrc-{Path(args.cmrc).resolve().name}-index")
        questions = index_cmrc(Path(args.cmrc), index_dir, model=args.model)
        searcher = Searcher(index_dir)
        search = lambda q, k: searcher.search(q, k, dates_from_question=False, mode=args.mode)  # noqa: E731
    elif args.questions:
        questions = load_questions(Path(args.questions))
        if not questions:
            raise ValueError(f"{args.questions} holds no question lines; write one JSON object a line with "
                             f"'question' and 'gold'")
        searcher = _searcher(args)
        search = lambda q, k: searcher.search(q, k, mode=args.mode)  # noqa: E731
    else:
        print("studyqa eval: give a questions .jsonl file or --cmrc DIR", file=sys.stderr)
        return 2
    # 3,219 CMRC questions take minutes: said as they go, not a silence that looks hung
    from .indexer import StderrProgress
    progress, asked = StderrProgress(), [0]

    def search_told(question, k):
        hits = search(question, k)
        asked[0] += 1
        progress("asking the questions", asked[0], len(questions))
        return hits
    result = evaluate(questions, search_told)
    print(result.table())
    for miss in result.misses[:50]:
        where = f"rank {miss['rank']}" if miss["rank"] else "not in top 10"
        print(f"miss ({where}): [{miss['kind']}] {miss['id']}: {miss['question']}")
    if len(result.misses) > 50:
        print(f"... and {len(result.misses) - 50} more misses")
    return 0


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1-65535)")
    return port


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("studyqa")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _add_filters(p: argparse.ArgumentParser) -> None:
    """The filters `ask` and `sessions` share: dates, place, file."""
    p.add_argument("--from", dest="date_from",
                   help="only sessions on or after this date (2020-03-01; a month, 2020-03 or 2020年3月, "
                        "from its first day; a year, 2020, from January 1)")
    p.add_argument("--to", dest="date_to",
                   help="only sessions on or before this date (a month or a year: to its last day)")
    p.add_argument("--place", help="only sessions whose place contains this text")
    p.add_argument("--source", help="only files whose path contains this text")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studyqa", description="Ask questions of 集中学习记录 files.")
    parser.add_argument("--version", action="version", version=f"studyqa {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="{index,ask,show,sessions,serve,eval}")

    p = sub.add_parser("index", help="build or update the index from the seeds folder (incremental)")
    p.add_argument("--seeds", help="folder of session files (default: the folder the index was "
                                   "built from, else ./seeds)")
    p.add_argument("--index", help="index folder (default: ./index)")
    p.add_argument("--model", help="sentence-transformers model name or folder "
                                   "(default: the index's model, or multilingual-e5-small-int8)")
    p.add_argument("--reparse", action="store_true",
                   help="read unchanged files again too (after upgrading StudyQA); only new text is embedded")
    p.set_defaults(func=_cmd_index)

    # `search` too: the Python call is rag.search(question, k)
    p = sub.add_parser("ask", aliases=["search"], help="print the passages that best answer a question")
    p.add_argument("question")
    p.add_argument("-k", "--k", type=int, default=5, help="number of passages (default 5)")
    shown = p.add_mutually_exclusive_group()        # one form of output: both asked was one ignored
    shown.add_argument("--json", action="store_true",
                       help="print JSON: the question, what it was read as (filters), and the hits")
    shown.add_argument("--markdown", action="store_true",
                       help="print the answers as a Markdown page to keep (each passage, its session and citation)")
    p.add_argument("--index", help="index folder (default: ./index, built from ./seeds if missing)")
    p.add_argument("--model", help="check that the index was built with this model")
    _add_filters(p)
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("show", help="print the whole session that holds a line of a file (FILE:LINE, "
                                    "as `ask` prints it)")
    p.add_argument("where", help="FILE:LINE, e.g. 000_5fe3251cdd8066f2.txt:175 (FILE alone: its first session)")
    p.add_argument("--json", action="store_true", help="print JSON: the header, the passage at LINE and "
                                                       "every passage of its session")
    p.add_argument("--index", help="index folder (default: ./index, built from ./seeds if missing)")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("sessions", help="list every session: date, place, format, topic, FILE:LINE")
    shown = p.add_mutually_exclusive_group()        # `--json --csv x.csv` wrote no x.csv, silently
    shown.add_argument("--json", action="store_true", help="print JSON: one object per session")
    shown.add_argument("--csv", metavar="FILE", help="write the rows to FILE as CSV (UTF-8 with a BOM, "
                                                     "which Excel opens as Chinese); - prints them")
    p.add_argument("--index", help="index folder (default: ./index, built from ./seeds if missing)")
    p.add_argument("--holding", metavar="TERM",
                   help="only the sessions whose text or topic holds TERM as written (网格化管理); "
                        "FILE:LINE is then where it first stands")
    _add_filters(p)
    p.set_defaults(func=_cmd_sessions)

    p = sub.add_parser("serve", help="start the web UI")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=_port, default=7860, help="port to listen on (default 7860)")
    p.add_argument("--index", help="index folder (default: ./index, built from ./seeds if missing)")
    p.add_argument("--seeds", help="folder that uploads and rebuilds use (default: the folder the "
                                   "index was built from, else ./seeds)")
    p.add_argument("--auth", help="USER:PASSWORD required to open the page (needed off 127.0.0.1)")
    p.add_argument("--auth-file", help="file with one USER:PASSWORD per line (with --auth: both "
                                       "users may sign in)")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("eval", help="recall@1/5/10 and MRR@10 on a questions .jsonl file")
    p.add_argument("questions", nargs="?", help="JSON lines: question, gold substrings, kind, session_date")
    p.add_argument("--index", help="index folder (default: ./index; with --cmrc: where to build it)")
    p.add_argument("--cmrc", help="a CMRC 2018 split folder (corpus.jsonl + queries.jsonl): index its "
                                  "passages and evaluate its questions")
    p.add_argument("--model", help="model for the --cmrc index (default multilingual-e5-small-int8)")
    p.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "lexical"],
                   help="retriever to measure (default hybrid; the others for comparison)")
    p.set_defaults(func=_cmd_eval)
    return parser


def _where_as_a_path(argv: list[str]) -> list[str]:
    """`studyqa show -会议.txt:7` (a file whose name starts with `-`, as `ask` prints it): the place
    as `./-会议.txt:7`, which the option parser does not take for an option."""
    if len(argv) < 2 or argv[0] != "show":
        return argv
    options = {"--index", "--json", "-h", "--help"}
    return [argv[0]] + [("./" + arg if arg.startswith("-") and arg.split("=")[0] not in options
                         and (":" in arg or "." in arg) and (i == 0 or argv[i] != "--index") else arg)
                        for i, arg in enumerate(argv[1:])]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_where_as_a_path(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:            # plain `studyqa`: show what it can do
        parser.print_help()
        return 2
    if getattr(args, "k", 1) is not None and getattr(args, "k", 1) < 1:
        print("studyqa: error: -k must be at least 1 (how many passages to print)", file=sys.stderr)
        return 2
    question = getattr(args, "question", None)
    from .records import is_utf8_text
    if question and not is_utf8_text(question):
        # the terminal's bytes are not UTF-8 (a GBK terminal with a UTF-8 locale): every character
        # would be read wrong, and the question taken for one naming nothing
        print("studyqa: error: the question is not UTF-8 text (the terminal may send GBK); set the terminal "
              "to UTF-8, or ask on the web page", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except UnicodeEncodeError as exc:
        if exc.encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
            print(f"studyqa: error: {exc}", file=sys.stderr)
            return 1
        # `PYTHONIOENCODING=ascii`, a terminal that cannot show Chinese
        print(f"studyqa: error: this terminal cannot show Chinese ({exc.encoding}); set it to UTF-8 "
              f"(PYTHONIOENCODING=utf-8), or write to a file (--csv FILE, > out.txt)", file=sys.stderr)
        return 1
    except (StudyQAError, ModelLoadError, FileNotFoundError, ValueError) as exc:
        print(f"studyqa: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `studyqa eval … | head`: the reader has all it wanted; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # a path that is a file where a folder is wanted, a folder where a file is, no permission
        where = f": {exc.filename}" if exc.filename else ""
        print(f"studyqa: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        # a build says what it kept (indexer.BuildInterrupted)
        print(f"studyqa: {exc.args[0] if exc.args else 'interrupted'}", file=sys.stderr)
        # Exit at once: a model still loading in a background thread (the build starts it early)
        # would abort the interpreter's shutdown ("terminate called without an active exception").
        # Everything written is already on disk: the index switches by one atomic rename.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)


if __name__ == "__main__":
    sys.exit(main())
