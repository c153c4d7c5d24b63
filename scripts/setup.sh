#!/usr/bin/env bash
# Creates .venv with Python 3.10 and the locked dependencies (uv.lock).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "setup: $*" >&2; exit 1; }

# 1. uv: on PATH, as a module of the default Python, or installed with pip.
find_uv() {
  if command -v uv >/dev/null 2>&1 && uv --version >/dev/null 2>&1; then echo "uv"; return; fi
  for py in python3 python3.11 python; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -m uv --version >/dev/null 2>&1; then echo "$py -m uv"; return; fi
  done
  return 1
}
UV=$(find_uv) || {
  echo "setup: uv ontbreekt, ik installeer het met pip"
  python3 -m pip install --quiet uv >/dev/null || die "uv kon niet worden geïnstalleerd (python3 -m pip install uv)"
  UV=$(find_uv) || die "uv is geïnstalleerd maar niet te vinden"
}

# 2. Python 3.10 (.python-version): pyenv's build or any 3.10 uv can see.
PY=$($UV python find 3.10 2>/dev/null) || {
  echo "setup: Python 3.10 niet gevonden; ik probeer 'uv python install 3.10'"
  $UV python install 3.10 >/dev/null 2>&1 && PY=$($UV python find 3.10 2>/dev/null)
} || die "Python 3.10 is nodig voor Rasa 3.6 en niet gevonden. Installeer Python 3.10 (bijv. 'pyenv install 3.10') en probeer opnieuw."

# 3. The locked environment.
if [ ! -x .venv/bin/rasa ] || [ uv.lock -nt .venv/.synced ]; then
  $UV sync --frozen --python "$PY"
  touch .venv/.synced
fi

# 4. Rasa's own tracker-store code triggers SQLAlchemy's notice about 2.0; Rasa pins
#    SQLAlchemy 1.4, so the notice is noise. Silence it for every entry point of the venv.
site=$(.venv/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
echo "import os; os.environ.setdefault('SQLALCHEMY_SILENCE_UBER_WARNING', '1')" > "$site/onderwijsloket_env.pth"

# 5. TensorFlow can die with "Bus error" on its very first import after install;
#    a second import works. Only that signal (exit 135) is retried, only here.
if [ ! -f .venv/.tf-ok ]; then
  for attempt in 1 2 3; do
    set +e; .venv/bin/python -c "import tensorflow" >/dev/null 2>&1; rc=$?; set -e
    [ $rc -eq 0 ] && { touch .venv/.tf-ok; break; }
    [ $rc -eq 135 ] || die "TensorFlow kan niet laden (exit $rc)"
    echo "setup: TensorFlow-import gaf 'Bus error', poging $attempt; opnieuw"
  done
  [ -f .venv/.tf-ok ] || die "TensorFlow kan niet laden na 3 pogingen"
fi
# 6. Browser libraries for the site chat (socket.io client) and its tests (axe-core), from
#    npm with the committed package-lock.json.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.installed ]; then
  command -v npm >/dev/null || die "npm is nodig voor de chat op de site (Node.js 18 of nieuwer)."
  npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null
  touch web/node_modules/.installed
fi

# 7. Chromium for the browser tests (Debian's package). Only as root; otherwise say how.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: Chromium installeren voor de browsertests (apt-get install chromium) ..."
    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null; } \
      || die "Chromium installeren mislukte. Installeer het pakket 'chromium' en probeer opnieuw."
  else
    echo "setup: let op: /usr/bin/chromium ontbreekt; de browsertests hebben het nodig (sudo apt-get install chromium)." >&2
  fi
fi
# 8. nginx for `make run-productie` and its tests (Debian's package; not started as a service).
if ! command -v nginx >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: nginx installeren voor make run-productie (apt-get install nginx) ..."
    apt-get install -y -q nginx >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q nginx >/dev/null; } \
      || die "nginx installeren mislukte. Installeer het pakket 'nginx' en probeer opnieuw."
  else
    echo "setup: let op: nginx ontbreekt; make run-productie heeft het nodig (sudo apt-get install nginx)." >&2
  fi
fi
echo "setup: klaar ($(.venv/bin/python --version))"
