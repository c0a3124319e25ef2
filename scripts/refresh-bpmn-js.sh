#!/bin/sh
# Refresh the studio's modeler (served at /studio/static/bpmn-js/, never from a CDN) from npm: bpmn-js's built
# modeler bundle, its stylesheets, the BPMN icon font and its licence, into web/studio/static/bpmn-js/; and
# bpmnlint in the editor (web/studio/static/bpmnlint/): bpmn-js-bpmnlint with the project's .bpmnlintrc packed
# in (bpmnlint-pack-config), bundled by esbuild into one script, with its stylesheet and both licences.
# Usage: scripts/refresh-bpmn-js.sh [bpmn-js version]  (default: the one tools/bpmn/package.json pins, so the
# modeler analysts use in the browser is the one tests/workbench/test_bpmnlint.py runs beside).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${1:-$(node -p 'require(process.argv[1]).dependencies["bpmn-js"]' "$ROOT/tools/bpmn/package.json")}
BPMNLINT=$(node -p 'require(process.argv[1]).dependencies["bpmnlint"]' "$ROOT/tools/bpmn/package.json")
# Build-time only (not in tools/bpmn, which CI installs for the tests): the linter's browser plugin and tools.
LINT_PLUGIN=0.24.0 PACK_CONFIG=0.8.0 ESBUILD=0.28.2
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

# bpmnlint in the editor, with the rules tests/workbench/lint/test_bpmnlint.py runs over processes/.
mkdir lint && cd lint
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "bpmn-js-bpmnlint@$LINT_PLUGIN" "bpmnlint@$BPMNLINT" \
  "bpmnlint-pack-config@$PACK_CONFIG" "esbuild@$ESBUILD" >/dev/null
npx bpmnlint-pack-config -c "$ROOT/.bpmnlintrc" -o packed-config.js -t es
cat > entry.js <<'JS'
import BpmnLintModule from "bpmn-js-bpmnlint";
import packed from "./packed-config.js";
window.LienThongLint = { module: BpmnLintModule, config: packed };
JS
LINT="$ROOT/web/studio/static/bpmnlint"
rm -rf "$LINT"
mkdir -p "$LINT"
npx esbuild entry.js --bundle --minify --format=iife --legal-comments=none --outfile="$LINT/bpmnlint.min.js"
cp node_modules/bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css "$LINT/"
cp node_modules/bpmn-js-bpmnlint/LICENSE "$LINT/LICENSE-bpmn-js-bpmnlint"
cp node_modules/bpmnlint/LICENSE "$LINT/LICENSE-bpmnlint"
for package in bpmn-js-bpmnlint bpmnlint; do
  node -e 'const j = require(process.argv[1]); console.log(j.name + " " + j.version)' \
    "$PWD/node_modules/$package/package.json"
done > "$LINT/VERSIONS"
cat "$LINT/VERSIONS"
