#!/usr/bin/env bash
# Idempotent set-up: system packages (when root), .venv with the package and its dev extras,
# and the npm packages the browser tests use. Safe to run again; quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
DEBIAN_PACKAGES=(graphviz poppler-utils chromium fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 postgresql)  # pango: WeasyPrint PDFs; postgresql: the audit's database test

missing_debian() {
  local p out=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[@]:-}"
}

install_system_packages() {
  local missing
  missing=$(missing_debian)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: $missing"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: not root, so these Debian packages are not installed: $missing"
    echo "setup: without graphviz, 'pwy build' writes .dot files but no SVG/PDF/PNG;"
    echo "setup: without chromium, the browser tests are skipped. Everything else works."
  fi
}

install_python_packages() {
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  local stamp=.venv/.setup-stamp
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev]'
    touch "$stamp"
  fi
}

install_npm_packages() {
  [ -f package.json ] || return 0
  # npm only when it is missing: NodeSource's nodejs (which has npm) conflicts with Debian's npm
  if ! command -v npm >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: nodejs npm (the Mermaid browser test)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  command -v npm >/dev/null || { echo "setup: npm not found; the Mermaid browser test will be skipped"; return 0; }
  if [ ! -d node_modules ] || [ package.json -nt node_modules ]; then
    npm install --no-audit --no-fund --silent >/dev/null
    touch node_modules
  fi
  # The SARIF multitool's own install script (which npm may refuse to run) makes it executable.
  local multitool=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  [ ! -f "$multitool" ] || chmod u+x "$multitool"
}

install_system_packages
install_python_packages
install_npm_packages
