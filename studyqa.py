"""The `studyqa` command. Loading StudyQA (numpy, FAISS, the index code) takes most of a second;
a Ctrl-C in that time arrives before `rag.cli.main` can catch it, and used to print a traceback.
This module imports nothing heavy itself, so it can catch it (and one that lands before a
command starts) and say one line instead."""
import os
import sys


def main() -> int:
    try:
        from rag.cli import main as run
        # rag.cli.main catches a Ctrl-C once a command runs; one that lands while it still
        # builds its argument parser arrives here
        return run()
    except KeyboardInterrupt:
        print("studyqa: interrupted", file=sys.stderr)
        sys.stderr.flush()
        os._exit(130)     # half-imported native libraries: leave without the interpreter's cleanup


if __name__ == "__main__":
    sys.exit(main())
