#!/usr/bin/env bash
# Sets up what is missing, then runs every check CI runs: lint, format, types, layer contracts, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff (lint)";           .venv/bin/ruff check .
echo "== ruff (format)";         .venv/bin/ruff format --check .
echo "== mypy";                  .venv/bin/mypy main.py models storage exports ui tests
echo "== import-linter";         .venv/bin/lint-imports
echo "== pytest";                .venv/bin/python -m pytest "$@"
