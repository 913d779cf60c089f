#!/usr/bin/env bash
# Voice activity speed: decode + features + VAD of a 1-hour 16 kHz WAV on one core, next to
# webrtcvad and silero-vad (their processing time only, as `peers` reports it).
# Usage: scripts/bench/vad.sh BIN SHARED_DIR. The 1-hour file is built in /tmp (not committed).
set -euo pipefail
bin=$(realpath "$1"); shared=$(realpath "$2")
peers="$shared/tools/peers/peers"
a="$shared/data/audio"
hour=${VAD_BENCH_FILE:-/tmp/samtal-vad-bench-1h.wav}
if [ ! -s "$hour" ]; then
  # 90 s of real 16 kHz mono speech with pauses, repeated 40 times = 3600 s.
  parts=()
  for _ in $(seq 40); do
    parts+=("$a/pyannote-sample/sample.wav" "$a/pyaudioanalysis/diarizationExample.wav" "$a/picovoice/falcon_test.wav")
  done
  sox "${parts[@]}" -r 16000 -c 1 -b 16 "$hour.tmp.wav" trim 0 3600
  mv "$hour.tmp.wav" "$hour"
fi
dur=$(soxi -D "$hour")
one_core() { if command -v taskset >/dev/null; then taskset -c 0 "$@"; else "$@"; fi; }

# Best of 3 by CPU time (user + sys) of the whole process, which on a busy machine says more
# about the one core's work than wall time; both are printed.
best=""; best_wall=""
for _ in 1 2 3; do
  read -r wall user sys < <( { one_core /usr/bin/time -f '%e %U %S' "$bin" vad "$hour" -o /tmp/samtal-vad-bench.lab --quiet; } 2>&1 | tail -1 )
  cpu=$(echo "$user + $sys" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$cpu < $best" | bc -l)" = 1 ]; then best=$cpu; best_wall=$wall; fi
done
rss=$( { /usr/bin/time -f '%M' "$bin" vad "$hour" -o /tmp/samtal-vad-bench.lab --quiet; } 2>&1 | tail -1 )

peer_wall() {  # wall_s from the peers timing line (processing of decoded samples only)
  one_core "$peers" vad "$hour" "$@" 2>&1 >/dev/null | sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' | tail -1
}
w3=$(peer_wall --tool webrtcvad --mode 3)
si=$(peer_wall --tool silero)

printf 'load average: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| tool (one core, %.0f s of audio) | CPU s | wall s | × real time (wall) | wall ÷ samtal wall |\n' "$dur"
printf '|---|---:|---:|---:|---:|\n'
printf '| samtal vad: decode + log-mel + features + model + hysteresis | %.3f | %.2f | %.0f | 1 |\n' "$best" "$best_wall" "$(echo "$dur / $best_wall" | bc -l)"
printf '| webrtcvad mode 3, processing only | – | %.2f | %.0f | %.1f |\n' "$w3" "$(echo "$dur / $w3" | bc -l)" "$(echo "$w3 / $best_wall" | bc -l)"
printf '| silero-vad ONNX 1 thread, processing only | – | %.2f | %.0f | %.1f |\n' "$si" "$(echo "$dur / $si" | bc -l)" "$(echo "$si / $best_wall" | bc -l)"
printf '\nsamtal vad peak RSS: %s kB. Target: samtal ≤ 1 s CPU for 1 h: %s\n' "$rss" "$( [ "$(echo "$best <= 1" | bc -l)" = 1 ] && echo met || echo NOT met)"
