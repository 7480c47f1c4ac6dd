#!/usr/bin/env bash
# Installs the test extras into .venv (creating it if needed) and runs the whole test suite.
# Extra arguments go to pytest, e.g. ./test.sh -m "not slow" for the fast tests only.
set -euo pipefail
cd "$(dirname "$0")"
STUDYQA_EXTRAS=test source scripts/setup_env.sh
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1
exec python -m pytest "$@"
