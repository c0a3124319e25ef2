#!/bin/sh
# Refresh the API documentation pages' assets (served at /docs and /redoc, never from a CDN) from npm:
# swagger-ui-dist and redoc's standalone bundle, with their licences, into api/static/.
# Usage: scripts/refresh-docs-assets.sh [swagger-ui-dist version] [redoc version]
set -eu
SWAGGER=${1:-5}
REDOC=${2:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "swagger-ui-dist@$SWAGGER" "redoc@$REDOC" >/dev/null
mkdir swagger redoc
tar xzf swagger-ui-dist-*.tgz -C swagger
tar xzf redoc-*.tgz -C redoc
OUT="$ROOT/api/static"
rm -rf "$OUT/swagger-ui" "$OUT/redoc"
mkdir -p "$OUT/swagger-ui" "$OUT/redoc"
cp swagger/package/swagger-ui-bundle.js swagger/package/swagger-ui-bundle.js.LICENSE.txt \
   swagger/package/swagger-ui.css swagger/package/favicon-32x32.png \
   swagger/package/LICENSE swagger/package/NOTICE "$OUT/swagger-ui/"
cp redoc/package/bundles/redoc.standalone.js redoc/package/bundles/redoc.standalone.js.LICENSE.txt \
   redoc/package/LICENSE "$OUT/redoc/"
node -e 'for (const p of process.argv.slice(1)) { const j = require(p); console.log(j.name + " " + j.version) }' \
  "$WORK/swagger/package/package.json" "$WORK/redoc/package/package.json" > "$OUT/VERSIONS"
cat "$OUT/VERSIONS"
