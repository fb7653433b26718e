#!/usr/bin/env bash
# Sets up what is missing, then starts GridLedger on its default database (the per-user data folder).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
