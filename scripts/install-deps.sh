#!/usr/bin/env bash
# Installs the Debian packages samtal needs to build, test and run its demo. Idempotent: installs
# only what is missing. Works as root on a fresh Debian 12; otherwise says what to run.
set -euo pipefail

packages=(
  pkg-config
  libsndfile1-dev   # decoding (WAV, FLAC, OGG/Vorbis, Opus, MP3, AIFF)
  libfftw3-dev      # FFTW single precision (fftw3f)
  libsoxr-dev       # resampling
  libstemmer-dev    # Snowball stemmers (Swedish, English)
  libopenblas-dev   # BLAS for the neural speaker encoder (diarization)
  hunspell-sv       # Swedish word list for scripts/build-compound-list.sh
  ffmpeg            # fallback decoder for M4A/AAC/MP4/WebM
  espeak-ng         # sample event synthesis (samples/make-sample.sh)
  sox               # sample event mixing
  flac              # sample event encoding
  python3           # sample event assembly (samples/script/synthesize.py, standard library only)
  chromium          # report rendering test (headless)
  libxml2-utils     # xmllint: REFI-QDA codebook and project schema tests
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "install-deps: not root; run this first:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}" >&2
