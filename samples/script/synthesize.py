#!/usr/bin/env python3
"""Synthesises one table of the sample event from a script file (see table-1.txt for the format).

Writes recording.flac (16 kHz mono, 16-bit), transcript.vtt (WebVTT with <v Name> spans) and
reference.rttm (one SPEAKER line per utterance) into the output directory.

Deterministic: the same script, espeak-ng, sox and flac versions give byte-identical files.
All times are whole milliseconds, computed from sample counts (16 samples per ms), so the VTT and
RTTM times are exact. Python standard library only.
"""
import array
import math
import os
import subprocess
import sys
import tempfile
import wave

RATE = 16_000
SAMPLES_PER_MS = RATE // 1000
LEAD_IN_MS = 800          # room noise before the first word
TAIL_MS = 1_000           # room noise after the last word
PAUSE_MS = (200, 1_200)   # pause between turns, uniform in this range
OVERLAP_MS = 450          # how early a "~Name:" line starts before the previous one ends
SPEECH_GAIN = 0.5         # after sox's -3 dB: peaks about -9 dBFS, headroom for overlaps and noise
NOISE_DBFS = -45.0        # RMS level of the room noise (pink, low-passed: ventilation-like rumble)
TRIM_THRESHOLD = 328      # |sample| above 1 % of full scale counts as voiced (trims espeak's silence)


class LCG:
    """Numerical Recipes' 32-bit LCG: tiny, portable and deterministic."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next_unit(self):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return self.state / 4294967296.0


def parse_script(path):
    voices, lines = {}, []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@voice "):
                _, name, variant, pitch, speed = line.split()
                voices[name] = (variant, int(pitch), int(speed))
                continue
            overlap = line.startswith("~")
            name, sep, text = line.lstrip("~").partition(":")
            if not sep or not text.strip():
                sys.exit(f"{path}:{number}: expected 'Name: text'")
            name = name.strip()
            if name not in voices:
                sys.exit(f"{path}:{number}: no @voice line for {name}")
            lines.append((name, text.strip(), overlap))
    return voices, lines


def synthesize(text, voice, tmp):
    """espeak-ng → 16 kHz 16-bit mono samples (sox resamples, no dither), trimmed, scaled."""
    variant, pitch, speed = voice
    raw = os.path.join(tmp, "espeak.wav")
    converted = os.path.join(tmp, "16k.wav")
    subprocess.run(["espeak-ng", "-v", f"sv+{variant}", "-p", str(pitch), "-s", str(speed),
                    "-w", raw, text], check=True)
    # -3 dB before resampling: espeak-ng peaks at full scale and the resampler would clip.
    subprocess.run(["sox", "-R", "-D", raw, "-b", "16", converted, "gain", "-3", "rate", "-h",
                    str(RATE)],
                   check=True)
    with wave.open(converted, "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    voiced = [i for i, v in enumerate(samples) if abs(v) > TRIM_THRESHOLD]
    if not voiced:
        sys.exit(f"espeak-ng produced silence for: {text}")
    # Widen to whole milliseconds so every start and duration is an exact number of ms.
    start = (voiced[0] // SAMPLES_PER_MS) * SAMPLES_PER_MS
    end = -(-(voiced[-1] + 1) // SAMPLES_PER_MS) * SAMPLES_PER_MS
    piece = [0] * (end - start)  # zero-padded when the widened end passes the last sample
    for i in range(start, min(end, len(samples))):
        piece[i - start] = int(round(samples[i] * SPEECH_GAIN))
    return piece


def room_noise(count, seed, rms_dbfs):
    """Uniform white noise → Paul Kellet's economy pink filter → one-pole low-pass (corner about
    300 Hz), scaled to an exact RMS. Room tone is mostly low-frequency rumble, and a low-passed
    floor keeps the FLAC files small (FLAC's predictor removes most of it)."""
    rng = LCG(seed)
    b0 = b1 = b2 = 0.0
    low = 0.0
    out = [0.0] * count
    for i in range(count):
        white = 2.0 * rng.next_unit() - 1.0
        b0 = 0.99765 * b0 + white * 0.0990460
        b1 = 0.96300 * b1 + white * 0.2965164
        b2 = 0.57000 * b2 + white * 1.0526913
        low = 0.89 * low + 0.11 * (b0 + b1 + b2 + white * 0.1848)
        out[i] = low
    rms = math.sqrt(sum(v * v for v in out) / count)
    scale = 32768.0 * 10 ** (rms_dbfs / 20) / rms
    return [v * scale for v in out]


def timestamp(ms):
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def seconds(ms):
    return f"{ms // 1000}.{ms % 1000:03d}"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: synthesize.py SCRIPT OUTDIR SEED")
    script, outdir, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    voices, lines = parse_script(script)
    uri = os.path.basename(os.path.normpath(outdir))
    rng = LCG(seed)
    os.makedirs(outdir, exist_ok=True)

    placed = []  # (name, text, start_ms, duration_ms, samples)
    with tempfile.TemporaryDirectory() as tmp:
        cursor_ms = LEAD_IN_MS
        for name, text, overlap in lines:
            piece = synthesize(text, voices[name], tmp)
            duration_ms = len(piece) // SAMPLES_PER_MS
            if overlap and placed:
                prev = placed[-1]
                start_ms = prev[2] + prev[3] - min(OVERLAP_MS, prev[3] // 2)
            else:
                lo, hi = PAUSE_MS
                start_ms = cursor_ms + lo + int(rng.next_unit() * (hi - lo))
            placed.append((name, text, start_ms, duration_ms, piece))
            cursor_ms = max(cursor_ms, start_ms + duration_ms)
        total = (cursor_ms + TAIL_MS) * SAMPLES_PER_MS

        mix = room_noise(total, seed * 7919 + 17, NOISE_DBFS)
        for _, _, start_ms, _, piece in placed:
            offset = start_ms * SAMPLES_PER_MS
            for i, v in enumerate(piece):
                mix[offset + i] += v
        pcm = array.array("h", (max(-32768, min(32767, int(round(v)))) for v in mix))
        if sys.byteorder == "big":
            pcm.byteswap()
        wav = os.path.join(tmp, "mix.wav")
        with wave.open(wav, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(pcm.tobytes())
        subprocess.run(["flac", "--silent", "--force", "-8", "--no-padding", "-o",
                        os.path.join(outdir, "recording.flac"), wav], check=True)

    with open(os.path.join(outdir, "transcript.vtt"), "w", encoding="utf-8") as f:
        f.write("WEBVTT\n")
        for n, (name, text, start_ms, duration_ms, _) in enumerate(placed, 1):
            cue = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            f.write(f"\n{n}\n{timestamp(start_ms)} --> {timestamp(start_ms + duration_ms)}\n"
                    f"<v {name}>{cue}</v>\n")
    with open(os.path.join(outdir, "reference.rttm"), "w", encoding="utf-8") as f:
        for name, _, start_ms, duration_ms, _ in placed:
            f.write(f"SPEAKER {uri} 1 {seconds(start_ms)} {seconds(duration_ms)} "
                    f"<NA> <NA> {name} <NA> <NA>\n")
    print(f"{outdir}: {len(placed)} turns, {seconds(total // SAMPLES_PER_MS)} s, "
          f"{len(voices)} voices", file=sys.stderr)


if __name__ == "__main__":
    main()
