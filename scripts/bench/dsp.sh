#!/usr/bin/env bash
# DSP speed: samtal's log-mel + MFCC front end next to librosa's MFCC on the same 1-hour
# 16 kHz WAV, both on one core. Usage: scripts/bench/dsp.sh BIN SHARED (BIN is unused: the
# front end is timed by Benchmarks/'s release-built `dsp-throughput`).
#
#   DSP_BENCH_AUDIO=FILE.wav   time this 16 kHz mono 16-bit WAV instead of the assembled hour
#   DSP_BENCH_ORDO=1           also run the ordo-one/benchmark suite (60 s, mallocs per run)
#   DSP_BENCH_PEERS=mfcc       time only peers bench's librosa MFCC row, with peerslib's own
#                              loader, call and timer (`peers bench` times the VAD and
#                              diarization peers too: long on a loaded machine)
#
# The hour is pyannote-sample/sample.wav (30 s of two-speaker speech) 120 times, made with sox in
# out/bench/ (not committed). `peers bench` on it takes minutes (it also times VAD and
# diarization peers); its table is cached in out/bench/ next to the WAV and reused while the
# WAV is unchanged.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BIN SHARED" >&2; exit 64; }
shared=$(realpath "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/out/bench"
mkdir -p "$out"

audio=${DSP_BENCH_AUDIO:-}
if [ -z "$audio" ]; then
  audio="$out/dsp-1h.wav"
  if [ ! -s "$audio" ]; then
    sox "$shared/data/audio/pyannote-sample/sample.wav" -r 16000 -c 1 -b 16 "$audio.tmp.wav" repeat 119
    mv "$audio.tmp.wav" "$audio"
  fi
fi

echo "dsp: building Benchmarks/dsp-throughput (release)" >&2
(cd "$root/Benchmarks" && swift build -c release -j "${JOBS:-2}" --product dsp-throughput >&2)
bindir=$(cd "$root/Benchmarks" && swift build -c release --show-bin-path)

echo "dsp: timing samtal on $(basename "$audio") (min of 3 runs after a warm-up)" >&2
ours=$("$bindir/dsp-throughput" "$audio" 3)

peers_table="$audio.peers-bench.md"
if [ "${DSP_BENCH_PEERS:-all}" = mfcc ]; then
  peers_table="$audio.peers-mfcc.md"
  if [ ! -s "$peers_table" ] || [ "$peers_table" -ot "$audio" ]; then
    echo "dsp: timing librosa MFCC on $(basename "$audio") with peerslib's bench code" >&2
    "$shared/tools/peers/peers" install >/dev/null  # makes sure the venv exists
    # The environment the peers launcher sets: one thread everywhere, peerslib importable.
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMEXPR_NUM_THREADS=1 \
    VECLIB_MAXIMUM_THREADS=1 NUMBA_NUM_THREADS=1 PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH="$shared/tools/peers" "${PEERS_HOME:-$HOME/.cache/samtal-peers}/venv/bin/python" - "$audio" \
      > "$peers_table.tmp" <<'PY'
import sys
import librosa
from peerslib import audio as A, bench as B
au = A.load(sys.argv[1])
def mfcc(y):  # the call in peerslib/bench.py
    return librosa.feature.mfcc(y=y, sr=A.SR, n_mfcc=20, n_fft=512, win_length=400,
                                hop_length=160, n_mels=40)
mfcc(au.samples[: 2 * A.SR])
wall, cpu = B.timed(lambda: mfcc(au.samples))
print("| librosa MFCC (20 of 40 mels, n_fft 512, 25/10 ms) | %.4f | %.4f | %.6f | %.0f |"
      % (wall, cpu, wall / au.duration, au.duration / wall))
PY
    mv "$peers_table.tmp" "$peers_table"
  fi
elif [ ! -s "$peers_table" ] || [ "$peers_table" -ot "$audio" ]; then
  echo "dsp: running peers bench on $(basename "$audio") (minutes)" >&2
  "$shared/tools/peers/peers" bench "$audio" > "$peers_table.tmp"
  mv "$peers_table.tmp" "$peers_table"
else
  echo "dsp: reusing $peers_table" >&2
fi
librosa=$(grep -m1 "librosa MFCC" "$peers_table" || true)

# samtal's line: key=value pairs.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$ours"; }
audio_s=$(field audio_s); wall=$(field wall_s); cpu=$(field cpu_s); x=$(field x_realtime)

# × real time by wall clock (what a user waits) and by CPU time (the work done on one core; the
# two agree on an idle machine, and CPU time is the fairer figure while other jobs share the cores).
xcpu() { awk -v a="$1" -v c="$2" 'BEGIN { if (c > 0) printf "%.0f", a / c; else print "inf" }'; }
report="$out/dsp.md"
{
  echo "DSP front end on $(basename "$audio") (${audio_s} s), one thread, $(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  echo
  echo "| tool | wall s | CPU s | × real time (wall) | × real time (CPU) |"
  echo "|---|---:|---:|---:|---:|"
  echo "| samtal DSP log-mel + MFCC (20 of 40 mels, n_fft 512, 25/10 ms), min of 3 | $wall | $cpu | **$x** | **$(xcpu "$audio_s" "$cpu")** |"
  if [ -n "$librosa" ]; then
    # peers' row: | name | wall s | CPU s | RTF | × real time |
    IFS='|' read -r _ name lwall lcpu _ lx _ <<<"$librosa"
    lwall=${lwall// /}; lcpu=${lcpu// /}; lx=${lx// /}
    name=${name# }; name=${name% }
    echo "| $name ($(basename "$peers_table"), min of 3) | $lwall | $lcpu | **$lx** | **$(xcpu "$audio_s" "$lcpu")** |"
    echo
    echo "samtal / librosa: $(awk -v a="$lwall" -v b="$wall" 'BEGIN { printf "%.1f", a / b }')× by wall time, $(awk -v a="$lcpu" -v b="$cpu" 'BEGIN { printf "%.1f", a / b }')× by CPU time"
  else
    echo "| librosa MFCC | (no row in $peers_table) | | | |"
  fi
} | tee "$report"

if [ "${DSP_BENCH_ORDO:-0}" = 1 ]; then
  (cd "$root/Benchmarks" && swift package --disable-sandbox benchmark --target DSPBenchmarks --no-progress)
fi
