#!/usr/bin/env bash
# Builds the Transcripts module with libFuzzer instrumentation and fuzzes every reader.
# Usage: Fuzz/fuzz.sh [SECONDS]   (default 120). Not part of `make test`.
# New interesting inputs go to .build-fuzz/corpus; crashes to .build-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-120}"
BUILD=.build-fuzz
swift build -c release -j 2 --target Transcripts --sanitize=fuzzer --build-path "$BUILD"
BIN="$BUILD/release"
MODULES="$BIN/Modules"
[ -d "$MODULES" ] || MODULES="$BIN"
CYAML_INCLUDE=$(find "$BUILD/checkouts/Yams/Sources/CYaml" -name module.modulemap -exec dirname {} \; | head -1)
swiftc -O -sanitize=fuzzer -parse-as-library -I "$MODULES" -I "$CYAML_INCLUDE" \
    Fuzz/TranscriptsFuzz.swift \
    "$BIN"/Transcripts.build/*.o "$BIN"/SamtalCore.build/*.o "$BIN"/Yams.build/*.o $(find "$BIN/CYaml.build" -name "*.o") \
    -o "$BUILD/transcripts-fuzz"
mkdir -p "$BUILD/corpus"
"$BUILD/transcripts-fuzz" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 \
    -artifact_prefix="$BUILD/" "$BUILD/corpus" Tests/TranscriptsTests/Resources/fuzz-corpus
