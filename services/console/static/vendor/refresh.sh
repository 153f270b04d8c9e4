#!/usr/bin/env bash
# Refresh the console's vendored browser assets from their npm packages (no CDN at run time,
# no Node build): the minified file and its licence, at the pinned versions below.
set -euo pipefail
cd "$(dirname "$0")"
HTMX=2.0.11
ECHARTS=6.1.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$HTMX" "echarts@$ECHARTS" >/dev/null)
tar xzf "$work/htmx.org-$HTMX.tgz" -C "$work" && mv "$work/package" "$work/htmx"
tar xzf "$work/echarts-$ECHARTS.tgz" -C "$work" && mv "$work/package" "$work/echarts"
cp "$work/htmx/dist/htmx.min.js" htmx.min.js
cp "$work/htmx/LICENSE" htmx.LICENSE
cp "$work/echarts/dist/echarts.min.js" echarts.min.js
cp "$work/echarts/LICENSE" echarts.LICENSE
cp "$work/echarts/NOTICE" echarts.NOTICE
printf 'htmx.org %s\necharts %s\n' "$HTMX" "$ECHARTS" > VERSIONS
echo "vendored htmx.org $HTMX, echarts $ECHARTS"
