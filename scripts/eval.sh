#!/usr/bin/env bash
# Scores framelens on the development halves of the real-news corpora in ../shared/eval
# (PolNeAR attributions, BABE biased words, BASIL lexical bias). Not part of `npm test`:
# the corpora stay outside the repository (licences). Pass a split name to choose PolNeAR's
# split (dev by default, train to study errors).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="${FRAMELENS_EVAL_DIR:-../shared/eval}"
if [ ! -d "$eval_dir/data" ]; then
  echo "framelens eval: no evaluation data at $eval_dir (set FRAMELENS_EVAL_DIR)" >&2
  exit 2
fi
split="${1:-dev}"
npm run --silent build
node "$eval_dir/polnear.js" "$eval_dir/data/polnear/$split"
node "$eval_dir/babe.js" "$eval_dir/data/babe-dev.csv"
node "$eval_dir/basil.js" "$eval_dir/data/basil-dev.json"
