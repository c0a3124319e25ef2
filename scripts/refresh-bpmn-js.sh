#!/bin/sh
# Refresh the studio's modeler (served at /studio/static/bpmn-js/, never from a CDN) from npm: bpmn-js's built
# modeler bundle, its stylesheets, the BPMN icon font and its licence, into web/studio/static/bpmn-js/.
# Usage: scripts/refresh-bpmn-js.sh [bpmn-js version]  (default: the one tools/bpmn/package.json pins, so the
# modeler analysts use in the browser is the one tests/workbench/test_bpmnlint.py runs beside).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${1:-$(node -p 'require(process.argv[1]).dependencies["bpmn-js"]' "$ROOT/tools/bpmn/package.json")}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "bpmn-js@$VERSION" >/dev/null
mkdir bpmn-js
tar xzf bpmn-js-*.tgz -C bpmn-js
FROM="$WORK/bpmn-js/package"
OUT="$ROOT/web/studio/static/bpmn-js"
rm -rf "$OUT"
mkdir -p "$OUT/assets/bpmn-font/css" "$OUT/assets/bpmn-font/font"
cp "$FROM/dist/bpmn-modeler.production.min.js" "$FROM/LICENSE" "$OUT/"
cp "$FROM/dist/assets/diagram-js.css" "$FROM/dist/assets/bpmn-js.css" "$OUT/assets/"
cp "$FROM/dist/assets/bpmn-font/css/bpmn.css" "$OUT/assets/bpmn-font/css/"
cp "$FROM"/dist/assets/bpmn-font/font/* "$OUT/assets/bpmn-font/font/"
# Nothing may load from elsewhere: an http(s):// `src` or CSS `url()` fails the refresh (links, such as the
# bpmn.io watermark's, stay links; tests/web/test_studio_browser.py checks the same in Chromium).
node -e '
const fs = require("fs");
for (const file of process.argv.slice(1)) {
  const left = fs.readFileSync(file, "utf8")
    .match(/src\s*[:=]\s*["\x27]https?:\/\/[^"\x27]+|url\(\s*["\x27]?https?:\/\/[^)]+/g);
  if (left) { console.error(file + ": loads from elsewhere: " + left.join(", ")); process.exit(1); }
}' "$OUT/bpmn-modeler.production.min.js" "$OUT/assets/diagram-js.css" "$OUT/assets/bpmn-js.css" \
   "$OUT/assets/bpmn-font/css/bpmn.css"
node -e 'const j = require(process.argv[1]); console.log(j.name + " " + j.version)' "$FROM/package.json" \
  > "$OUT/VERSIONS"
cat "$OUT/VERSIONS"
