#!/usr/bin/env bash
# The whole test suite. pytest's exit code 5 (no tests collected) is a failure here:
# a run that tests nothing must never pass.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests; failing" >&2
  exit 1
fi
exit $rc
