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
# Redoc's side menu shows Redocly's mini logo from their CDN (its link "API docs by Redocly" stays, as text),
# and the npm package does not hold the image: its address becomes an empty inline SVG, so nothing loads
# from elsewhere. Any other https:// `src` or CSS `url()` left in a bundle fails the refresh (links stay links)
# (tests/api/test_docs.py checks the same in a browser).
node -e '
const fs = require("fs");
const logo = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const empty = "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E";
for (const file of process.argv.slice(1)) {
  let text = fs.readFileSync(file, "utf8");
  text = text.split(logo).join(empty);
  const left = text.match(/src\s*[:=]\s*["\x27]https:\/\/[^"\x27]+|url\(\s*["\x27]?https:\/\/[^)]+/g);
  if (left) { console.error(file + ": loads from elsewhere: " + left.join(", ")); process.exit(1); }
  fs.writeFileSync(file, text);
}' "$OUT/redoc/redoc.standalone.js" "$OUT/swagger-ui/swagger-ui-bundle.js" "$OUT/swagger-ui/swagger-ui.css"
node -e 'for (const p of process.argv.slice(1)) { const j = require(p); console.log(j.name + " " + j.version) }' \
  "$WORK/swagger/package/package.json" "$WORK/redoc/package/package.json" > "$OUT/VERSIONS"
cat "$OUT/VERSIONS"
