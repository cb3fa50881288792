#!/usr/bin/env bash
# Installs the real editors the end-to-end tests drive, without downloading anything but npm and Debian
# packages (these machines have no other internet): code-server 4.100.3 (VS Code 1.100.3 on Node 20) from
# npm, Debian's Chromium (driven by playwright-core), a CJK font for legible screenshots, Neovim, and
# LibreOffice Writer (headless, with its Python bridge) for the .docx tests.
# Idempotent and cached in .vscode-test/ (git-ignored). Follows shared/notes/real-vscode-offline.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR="$ROOT/.vscode-test/code-server"
VERSION=4.100.3
READY="$DIR/.ready-$VERSION"

log() { printf '[setup-editors] %s\n' "$*"; }

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v rg >/dev/null 2>&1 || packages+=(ripgrep)
command -v nvim >/dev/null 2>&1 || packages+=(neovim)
fc-list 2>/dev/null | grep -qi 'wqy' || packages+=(fonts-wqy-zenhei)
# LibreOffice (headless) checks the tracked changes that `medterm lint --fix` writes into .docx files.
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || packages+=(python3-uno)
if [ ! -f "$READY" ]; then
  for dev in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config; do
    dpkg -s "$dev" >/dev/null 2>&1 || packages+=("$dev")
  done
fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${packages[*]} — run as root, or: sudo apt-get install -y ${packages[*]}"
    exit 1
  fi
  log "apt-get install ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if [ -f "$READY" ]; then
  log "code-server $VERSION already set up in $DIR"
  exit 0
fi

log "installing code-server $VERSION into $DIR (1–3 minutes)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
npm init -y >/dev/null
# code-server's own postinstall refuses root and would fetch @vscode/ripgrep from GitHub: skip scripts,
# rebuild the native modules by hand, and let Debian's ripgrep stand in.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$VERSION" >/dev/null
npm_config_yes=true npm rebuild argon2 --loglevel=error >/dev/null
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
npm_config_yes=true npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog --loglevel=error >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
touch "$READY"
log "done"
