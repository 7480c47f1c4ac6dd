"""Full index build of seeds/ plus every record of ../shared/data/scale_sessions/, from nothing:
wall time, peak memory, passages and characters indexed, as `studyqa index` does it (a separate
process, model loading included). Prints a table and writes bench/results/full_build.json.

    python bench/full_build.py [--work /tmp/studyqa-full-build] [--keep] [--interrupt-after S]

--interrupt-after S: Ctrl-C (SIGINT) the build after S seconds, then run it again: what the
second run reuses of the first one's embedding (index/partial/) and the two times together.

The seeds folder holds links to the files; the index is removed afterwards unless --keep (then
bench/query_latency.py, serve_start.py and incremental.py can use it)."""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from results_file import write_result  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SCALE = REPO.parent / "shared" / "data" / "scale_sessions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default="/tmp/studyqa-full-build")
    parser.add_argument("--keep", action="store_true", help="keep the index")
    parser.add_argument("--interrupt-after", type=float, metavar="S",
                        help="interrupt the build after S seconds, then run it again to the end")
    args = parser.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    seeds, index = work / "seeds", work / "index"
    seeds.mkdir(parents=True)
    files = [*sorted((REPO / "seeds").glob("*.txt")), *sorted(SCALE.glob("*.txt"))]
    for src in files:
        (seeds / src.name).symlink_to(src.resolve())
    chars = sum(len(src.read_text(encoding="utf-8")) for src in files)
    studyqa = shutil.which("studyqa") or str(Path(sys.executable).with_name("studyqa"))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    print(f"building {index} from {len(files)} files ({chars:,} characters); progress follows", flush=True)
    command = [studyqa, "index", "--seeds", str(seeds), "--index", str(index)]
    started = time.perf_counter()
    first_wall = None
    if args.interrupt_after:
        # a benchmark started in the background (`nohup … &`) has SIGINT ignored, and so would
        # its child: turned back on, so the Ctrl-C below is one
        child = subprocess.Popen(command, env=env,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            child.wait(timeout=args.interrupt_after)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGINT)
            child.wait()
        first_wall = time.perf_counter() - started
        print(f"interrupted after {first_wall:.0f} s (exit {child.returncode}); running it again", flush=True)
    subprocess.run(command, env=env, check=True)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    result = {"files": len(files), "characters": chars, "passages": manifest["passages"],
              "sessions": manifest["sessions"], "model": manifest["model"], "wall_s": round(wall, 1),
              "peak_rss_mb": round(peak_mb), "chars_per_s": round(chars / wall)}
    if first_wall is not None:
        result.update(interrupted_after_s=round(first_wall, 1), resumed_s=round(wall - first_wall, 1))
        print(f"{'interrupted run':<22}{first_wall / 60:.1f} min, then the rest in "
              f"{(wall - first_wall) / 60:.1f} min (both together below)")
    print(f"{'wall time':<22}{wall / 60:.1f} min   (target <= 20 min)")
    print(f"{'peak memory (RSS)':<22}{peak_mb:,.0f} MB")
    print(f"{'indexed':<22}{manifest['passages']:,} passages, {manifest['sessions']:,} sessions, "
          f"{chars / wall:,.0f} characters/s overall")
    write_result("full_build_interrupted" if first_wall is not None else "full_build", result)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
