#!/usr/bin/env bash
# Decoding speed and memory: a synthetic stereo 44.1 kHz FLAC (pink noise + two tones, made with
# sox, fixed seed) decoded to 16 kHz mono WAV by `samtal decode -o`, and read by `--info`.
# Prints × real time and peak RSS (GNU time). Usage: scripts/bench/decode.sh BIN SHARED [HOURS]
# (DECODE_BENCH_SECONDS=60 for a quick check).
set -euo pipefail
bin=$1
hours=${3:-${DECODE_BENCH_HOURS:-1}}
command -v sox >/dev/null || { echo "decode bench: sox missing (bash scripts/install-deps.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "decode bench: GNU time missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds=${DECODE_BENCH_SECONDS:-$((hours * 3600))}
sox -R -n -r 44100 -c 2 -b 16 "$work/in.flac" \
  synth "$seconds" pinknoise gain -30 synth sine mix 440 sine mix 660 gain -6

measure() {  # label, then the command; prints wall seconds, × real time, peak RSS
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null
  read -r wall user sys rss <"$work/time"
  awk -v l="$label" -v w="$wall" -v c="$user" -v s="$sys" -v r="$rss" -v d="$seconds" \
    'BEGIN { cpu = c + s; printf "%-20s wall %8.2f s (%7.0f× real time)  cpu %8.2f s (%7.0f× real time)  peak RSS %6.1f MB\n",
             l, w, (w > 0 ? d / w : 0), cpu, (cpu > 0 ? d / cpu : 0), r / 1024 }'
}
echo "input: ${seconds} s stereo 44.1 kHz 16-bit FLAC ($(du -h "$work/in.flac" | cut -f1))"
measure "decode --info" "$bin" decode "$work/in.flac" --info
measure "decode -o out.wav" "$bin" decode "$work/in.flac" -o "$work/out.wav" --quiet
