#!/usr/bin/env bash
# Builds the one-folder application into dist/gridledger and runs its self-test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/gridledger.spec
du -sh dist/gridledger
