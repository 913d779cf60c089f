#!/usr/bin/env bash
# Retrains Models/vad/model.json reproducibly (fixed seeds) from LibriSpeech test-other mixtures.
# Usage: scripts/train-vad.sh BIN SHARED_DIR   (BIN = release samtal, SHARED_DIR = ../shared)
#  1. scripts/train-vad.py make-data: 120 training + 24 validation mixtures of 45 s (speech
#     excerpts, silences, gains, reverberation, band limiting, synthetic noise) with 10 ms labels
#     from the clean signal, in $VAD_TRAIN_DIR (default /tmp/samtal-vad-train, ~210 MB, not kept
#     in the repository).
#  2. BIN vad --dump-features: the exact model inputs samtal computes at run time.
#  3. scripts/train-vad.py train: the MLP, written to Models/vad/model.json.
# Needs numpy, scipy and soundfile: the peers venv has them (../shared/tools/peers/peers install).
set -euo pipefail
bin=$(realpath "$1"); shared=$(realpath "$2")
py=${VAD_PYTHON:-${PEERS_HOME:-$HOME/.cache/samtal-peers}/venv/bin/python}
work=${VAD_TRAIN_DIR:-/tmp/samtal-vad-train}
libri="$shared/data/audio/librispeech-test-other"
[ -x "$py" ] || { echo "train-vad: no python with numpy at $py; run $shared/tools/peers/peers install or set VAD_PYTHON" >&2; exit 1; }
[ -d "$libri" ] || { echo "train-vad: $libri not found" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$work/data/valid/meta.json" ]; then
  "$py" "$here/train-vad.py" make-data "$work/data" "$libri"
fi
for split in train valid; do
  mkdir -p "$work/features/$split"
  for wav in "$work/data/$split"/*.wav; do
    "$bin" vad "$wav" --dump-features "$work/features/$split/$(basename "$wav" .wav).f32" --quiet
  done
done
"$py" "$here/train-vad.py" train "$work/features" "$work/data" "$here/../Models/vad/model.json" 125
