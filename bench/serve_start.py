"""`studyqa serve` on an existing index: cold start to the first answered question, and the
server's memory while it answers.

Starts `studyqa serve --index DIR` as a user would, asks the dev questions through the web API
(`/search`, as gradio_client calls it) and reads the server process's resident memory from /proc.
Runs the whole thing --runs times (start-up times vary by a second or two from run to run on a
shared machine) and reports each run and the median. Writes bench/results/serve.json.

    python bench/serve_start.py --index /tmp/studyqa-scale/index [--runs 3]"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag.evaluate import load_questions  # noqa: E402
from results_file import DEV_QUESTIONS, write_result  # noqa: E402


def memory_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_once(index: str, questions: list[str]) -> dict:
    from gradio_client import Client   # imported before the clock starts: it is not the server's cost

    port = free_port()
    studyqa = shutil.which("studyqa") or str(Path(sys.executable).with_name("studyqa"))
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    server = subprocess.Popen([studyqa, "serve", "--index", index, "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        client = None
        while client is None:
            if server.poll() is not None:
                raise SystemExit(f"studyqa serve exited with {server.returncode}:\n{server.stderr.read()}")
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        up = time.perf_counter() - started
        client.predict(questions[0], 5, "", "", "", "", api_name="/search")
        first_answer = time.perf_counter() - started
        latencies = []
        for question in questions * 2:
            t = time.perf_counter()
            client.predict(question, 5, "", "", "", "", api_name="/search")
            latencies.append(time.perf_counter() - t)
        rss, peak = memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"page_up_s": round(up, 2), "first_answer_s": round(first_answer, 2),
            "rss_serving_mb": round(rss), "peak_rss_mb": round(peak), "queries": len(latencies),
            "api_p50_ms": round(1000 * statistics.median(latencies), 1),
            "api_p95_ms": round(1000 * sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", default=str(DEV_QUESTIONS))
    args = parser.parse_args()
    questions = [q["question"] for q in load_questions(Path(args.questions))]
    print(f"studyqa serve --index {args.index}")
    print(f"{'run':>4}{'page up s':>11}{'first answer s':>16}{'RSS MB':>8}{'peak MB':>9}{'API p50 ms':>12}")
    runs = []
    for number in range(1, args.runs + 1):
        run = serve_once(args.index, questions)
        runs.append(run)
        print(f"{number:>4}{run['page_up_s']:>11.2f}{run['first_answer_s']:>16.2f}{run['rss_serving_mb']:>8}"
              f"{run['peak_rss_mb']:>9}{run['api_p50_ms']:>12}")
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"median: first answer after {median['first_answer_s']:.2f} s (target <= 8 s), "
          f"serving memory {median['rss_serving_mb']:.0f} MB (target <= 1536 MB)")
    write_result("serve", {"index": args.index, "runs": runs, "median": median})


if __name__ == "__main__":
    main()
