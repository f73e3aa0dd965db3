#!/usr/bin/env bash
# Rebuilds the vendored front-end files in static/vendor from the npm registry.
# Not part of `make run`: the output is committed. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
npm install --no-audit --no-fund --silent
out=../static/vendor
rm -rf "$out/govuk-frontend" "$out/htmx"
mkdir -p "$out/govuk-frontend" "$out/htmx"
npx sass --pkg-importer=node --style=compressed --no-source-map openpie-govuk.scss "$out/govuk-frontend/govuk-frontend.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend/"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js.map "$out/govuk-frontend/"
printf "GOV.UK Frontend %s, MIT licence: https://github.com/alphagov/govuk-frontend\n" "$(node -p "require('govuk-frontend/package.json').version")" > "$out/govuk-frontend/SOURCE.txt"
mkdir -p "$out/govuk-frontend/assets/images"
# The stylesheet names this image (unused here); collectstatic needs it present.
cp node_modules/govuk-frontend/dist/govuk/assets/images/govuk-crest.svg "$out/govuk-frontend/assets/images/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/htmx.org/LICENSE "$out/htmx/LICENSE"
echo "Built $out"
