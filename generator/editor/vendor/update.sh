#!/usr/bin/env bash
# Refresh the editor's vendored files from the npm registry, then record their checksums.
# Usage: generator/editor/vendor/update.sh [DECAP_VERSION] [JS_YAML_VERSION]
# Only the published tarballs are fetched (`npm pack`, no install, no scripts run); the
# versions are pinned here and in VERSIONS, and tests/test_editor_vendor.py checks SHA256SUMS.
set -euo pipefail
DECAP="${1:-3.16.3}"
JSYAML="${2:-4.1.0}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "decap-cms@$DECAP" "js-yaml@$JSYAML" >/dev/null
mkdir decap jsyaml
tar xzf "decap-cms-$DECAP.tgz" -C decap
tar xzf "js-yaml-$JSYAML.tgz" -C jsyaml
find "$here" -maxdepth 1 -type f ! -name update.sh ! -name LICENSE.decap-cms ! -name README.md -delete
dist=decap/package/dist
# The main bundle, its lazy chunks and the wasm they load: no source maps, not the
# second build (cms.js) that the package also ships.
cp "$dist/decap-cms.js" "$dist/decap-cms.js.LICENSE.txt" "$here/"
cp "$dist"/[0-9]*.decap-cms.js "$dist"/*.wasm "$here/"
cp jsyaml/package/dist/js-yaml.min.js "$here/"
cp jsyaml/package/LICENSE "$here/LICENSE.js-yaml"
printf 'decap-cms %s\njs-yaml %s\n' "$DECAP" "$JSYAML" > "$here/VERSIONS"
cd "$here"
sha256sum -- *.js *.wasm *.txt LICENSE.* VERSIONS | LC_ALL=C sort -k2 > SHA256SUMS
echo "vendored decap-cms $DECAP and js-yaml $JSYAML into $here"
