#!/usr/bin/env bash
# Regenerates the DSP test fixtures in Tests/DSPTests/Resources/ (deterministic).
#
#   clip.wav            2.5 s of two-speaker speech cut from ../shared/data/audio/pyannote-sample/
#                       sample.wav (8.0 s … 10.5 s, 16 kHz mono 16-bit), MIT licence (CLIP-LICENSE).
#   clip.librosa.json   librosa reference values (Slaney mel, power_to_db, DCT-II ortho MFCC) made
#                       by `peers features` with samtal's front-end settings (n_fft 512, win 400,
#                       hop 160, 40 mels, 20 MFCCs). See ../shared/tools/peers/README.md.
#   mel-htk.librosa.json  librosa.filters.mel(htk=True, norm=None) and (htk=True, norm='slaney'),
#                       which `peers features` does not produce; made with the peers venv's librosa.
#
# Usage: scripts/make-dsp-fixtures.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath "${1:-../shared}")
out=Tests/DSPTests/Resources
peers="$shared/tools/peers/peers"
mkdir -p "$out"

src="$shared/data/audio/pyannote-sample/sample.wav"
sox "$src" -r 16000 -c 1 -b 16 "$out/clip.wav" trim 8.0 2.5
cp "$shared/data/audio/pyannote-sample/LICENSE" "$out/CLIP-LICENSE"

"$peers" features "$out/clip.wav" --out "$out/clip.librosa.json" \
    --n-mfcc 20 --n-mels 40 --n-fft 512 --win 400 --hop 160

# The peers launcher has just made sure the venv exists; use its librosa for the HTK filterbanks.
python="${PEERS_HOME:-$HOME/.cache/samtal-peers}/venv/bin/python"
"$python" - "$out/mel-htk.librosa.json" <<'PY'
import json, os, sys
import librosa, numpy as np
path = sys.argv[1]
cases = []
for (n_mels, fmin, fmax, norm) in [(40, 0.0, 8000.0, None), (23, 20.0, 7600.0, "slaney"),
                                   (80, 0.0, 8000.0, None)]:
    fb = librosa.filters.mel(sr=16000, n_fft=512, n_mels=n_mels, fmin=fmin, fmax=fmax, htk=True,
                             norm=norm, dtype=np.float64)
    cases.append({"sr": 16000, "n_fft": 512, "n_mels": n_mels, "fmin": fmin, "fmax": fmax,
                  "htk": True, "norm": norm, "weights": fb.tolist()})
# Also a Slaney case with non-default fmin/fmax, to test the scale rather than one setting.
fb = librosa.filters.mel(sr=16000, n_fft=512, n_mels=64, fmin=60.0, fmax=7000.0, htk=False,
                         norm="slaney", dtype=np.float64)
cases.append({"sr": 16000, "n_fft": 512, "n_mels": 64, "fmin": 60.0, "fmax": 7000.0,
              "htk": False, "norm": "slaney", "weights": fb.tolist()})
doc = {"librosa": librosa.__version__, "numpy": np.__version__, "filterbanks": cases,
       "call": "librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm, dtype=float64)"}
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump(doc, f, sort_keys=True)
os.replace(tmp, path)
PY
echo "make-dsp-fixtures: wrote $out/clip.wav, clip.librosa.json, mel-htk.librosa.json" >&2
