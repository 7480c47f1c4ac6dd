#!/usr/bin/env bash
# StudyQA: install (first run), index seeds/ (incremental), serve the web UI on http://127.0.0.1:7860
# Extra arguments go to `studyqa serve`, e.g. ./run.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup_env.sh
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1
studyqa index
exec studyqa serve "$@"
