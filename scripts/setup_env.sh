# Sourced by run.sh and test.sh: create .venv once, install torch (CPU build) first, then the project.
# A stamp file records what was installed, so later runs skip pip unless pyproject.toml changed.
VENV="${STUDYQA_VENV:-.venv}"
extras="${STUDYQA_EXTRAS:-}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "creating virtual environment in $VENV" >&2
  python3 -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
stamp="$VENV/.studyqa-installed${extras:+-$extras}"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "installing dependencies into $VENV (first run takes a few minutes)" >&2
  python -m pip install --quiet --upgrade pip
  # torch first and pinned: this is the CPU build; an unpinned torch would pull CUDA (several GB).
  python -m pip install --quiet "torch==2.13.0"
  # setuptools warns, boxed in asterisks, that a folder named like a package may shadow it; here
  # those folders are the package (an editable install): not worth alarming a first run with
  PYTHONWARNINGS="ignore:Editable installation" python -m pip install --quiet -e ".${extras:+[$extras]}"
  echo "$want" > "$stamp"
fi
