#!/usr/bin/env bash
# Transcript import/export speed: the largest real file (pympi's 2.4 MB ELAN document) and a
# generated two-hour WebVTT with 7 200 cues, read and written with the release binary.
# Usage: scripts/bench/transcripts.sh BIN SHARED. Prints seconds per step; report in out/bench/.
set -euo pipefail
bin="$1"; shared="$2"
out=out/bench/transcripts; mkdir -p "$out"
vtt="$out/two-hours.vtt"
python3 - "$vtt" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("WEBVTT\n\n")
    for i in range(7200):
        s, e = i, i + 0.9
        ts = lambda t: "%02d:%02d:%06.3f" % (t // 3600, t % 3600 // 60, t % 60)
        f.write("%d\n%s --> %s\n<v Talare %d>Det här är mening nummer %d, med å ä ö &amp; lite mer text.</v>\n\n"
                % (i + 1, ts(s), ts(e), i % 7, i))
PY
time_it() {  # label, command…
  local label="$1"; shift
  local start end
  start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N)
  printf '%-40s %6.2f s\n' "$label" "$(echo "$end - $start" | bc)"
}
{
  echo "transcripts bench ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
  time_it "import 2-hour VTT (7200 cues) --json" "$bin" import "$vtt" --json
  time_it "export 2-hour VTT → srt" "$bin" export "$vtt" --format srt
  time_it "export 2-hour VTT → textgrid" "$bin" export "$vtt" --format textgrid
  eaf="$shared/data/transcripts/dopefishh+pympi/sample_3.0.eaf"
  [ -f "$eaf" ] && time_it "import pympi sample_3.0.eaf (2.4 MB)" "$bin" import "$eaf" --json
} | tee "$out/report.txt"
