#!/usr/bin/env python3
"""Simulated table discussions from LibriSpeech test-other, reproducible from a seed.

    python3 scripts/make-table-mixes.py SHARED OUTDIR --seeds 1-8

For each seed: 3-6 speakers (the count and the speakers drawn from the seed) take turns of
1.5-9 s cut from their utterances; gaps between turns are drawn from -0.6 s (overlap, about
15 % of turns) to 1.2 s. Each speaker gets a synthetic room impulse response (exponentially
decaying noise, RT60 0.25-0.6 s, direct-to-reverberant ratio drawn per speaker), the mix gets
pink noise at 15-25 dB SNR and a distinct level per speaker (+-4 dB).

The reference RTTM marks where each speaker's *clean* turn is active: frames (10 ms) whose
energy is within 35 dB of that turn's peak, with gaps under 0.25 s bridged and islands under
0.1 s dropped, so pauses inside a LibriSpeech utterance are not counted as speech.

Writes OUTDIR/mix-SEED.wav (16 kHz, 16-bit) and OUTDIR/mix-SEED.rttm. Needs numpy, scipy and
soundfile (the peers venv has them).
"""
import argparse
import os
import sys

import numpy as np
import soundfile as sf
from scipy.signal import fftconvolve

SR = 16000


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            seeds.extend(range(int(a), int(b) + 1))
        else:
            seeds.append(int(part))
    return seeds


def load_speakers(root):
    speakers = {}
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if not os.path.isdir(folder):
            continue
        files = sorted(f for f in os.listdir(folder) if f.endswith(".flac"))
        clips = []
        for f in files:
            audio, sr = sf.read(os.path.join(folder, f), dtype="float32")
            assert sr == SR, f
            clips.append(audio)
        speakers[name] = clips
    return speakers


def rir(rng, rt60, drr_db):
    n = int(SR * rt60 * 1.2)
    t = np.arange(n) / SR
    tail = rng.standard_normal(n) * np.exp(-6.9 * t / rt60)
    tail[: int(0.002 * SR)] = 0
    tail /= np.sqrt(np.sum(tail ** 2)) + 1e-12
    h = tail * 10 ** (-drr_db / 20)
    h[0] = 1.0
    return h.astype(np.float32)


def pink_noise(rng, n):
    white = rng.standard_normal(n)
    spectrum = np.fft.rfft(white)
    f = np.arange(len(spectrum))
    f[0] = 1
    spectrum /= np.sqrt(f)
    x = np.fft.irfft(spectrum, n)
    return (x / (np.std(x) + 1e-12)).astype(np.float32)


def active_spans(clean, start):
    frame = SR // 100
    n = len(clean) // frame
    if n == 0:
        return []
    energy = np.array([np.mean(clean[i * frame:(i + 1) * frame] ** 2) for i in range(n)])
    db = 10 * np.log10(energy + 1e-12)
    on = db > db.max() - 35
    spans = []
    i = 0
    while i < n:
        if on[i]:
            j = i
            while j < n and on[j]:
                j += 1
            spans.append([i, j])
            i = j
        else:
            i += 1
    merged = []
    for s in spans:
        if merged and s[0] - merged[-1][1] < 25:
            merged[-1][1] = s[1]
        else:
            merged.append(s)
    return [((start + a * frame) / SR, (start + b * frame) / SR) for a, b in merged if b - a >= 10]


def make_mix(speakers, seed, minutes):
    rng = np.random.default_rng(seed)
    names = sorted(speakers)
    count = int(rng.integers(3, 7))
    chosen = [names[i] for i in rng.choice(len(names), size=count, replace=False)]
    rooms = {s: rir(rng, rng.uniform(0.25, 0.6), rng.uniform(0, 8)) for s in chosen}
    gains = {s: 10 ** (rng.uniform(-4, 4) / 20) for s in chosen}
    target = int(minutes * 60 * SR)
    tracks = []  # (start_sample, signal, speaker)
    cursor = int(0.5 * SR)
    previous = None
    used = {s: 0 for s in chosen}
    while cursor < target:
        weights = np.array([0.3 if s == previous else 1.0 for s in chosen])
        speaker = chosen[int(rng.choice(count, p=weights / weights.sum()))]
        clip = speakers[speaker][used[speaker] % len(speakers[speaker])]
        used[speaker] += 1
        length = int(rng.uniform(1.5, 9.0) * SR)
        if len(clip) > length:
            offset = int(rng.integers(0, len(clip) - length))
            clip = clip[offset:offset + length]
        tracks.append((cursor, clip * gains[speaker], speaker))
        previous = speaker
        gap = rng.uniform(-0.6, 0.0) if rng.random() < 0.15 else rng.uniform(0.1, 1.2)
        cursor += len(clip) + int(gap * SR)
    total = cursor + int(0.5 * SR)
    mix = np.zeros(total + SR, dtype=np.float32)
    lines = []
    for start, clip, speaker in tracks:
        wet = fftconvolve(clip, rooms[speaker])[: len(clip) + int(0.3 * SR)]
        mix[start:start + len(wet)] += wet
        for a, b in active_spans(clip, start):
            lines.append((a, b, speaker))
    mix = mix[:total]
    speech_power = np.mean(mix[np.abs(mix) > 0] ** 2)
    snr = rng.uniform(15, 25)
    mix += pink_noise(rng, len(mix)) * np.sqrt(speech_power / 10 ** (snr / 10))
    mix /= max(1.0, np.max(np.abs(mix)) / 0.9)
    return mix, sorted(lines), chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shared")
    ap.add_argument("outdir")
    ap.add_argument("--seeds", default="1-8")
    ap.add_argument("--minutes", type=float, default=3.0)
    args = ap.parse_args()
    root = os.path.join(args.shared, "data", "audio", "librispeech-test-other")
    speakers = load_speakers(root)
    os.makedirs(args.outdir, exist_ok=True)
    for seed in parse_seeds(args.seeds):
        name = "mix-%d" % seed
        wav = os.path.join(args.outdir, name + ".wav")
        rttm = os.path.join(args.outdir, name + ".rttm")
        if os.path.exists(wav) and os.path.exists(rttm):
            continue
        mix, lines, chosen = make_mix(speakers, seed, args.minutes)
        sf.write(wav + ".tmp.wav", mix, SR, subtype="PCM_16")
        os.replace(wav + ".tmp.wav", wav)
        with open(rttm + ".tmp", "w") as fh:
            for a, b, spk in lines:
                fh.write("SPEAKER %s 1 %.3f %.3f <NA> <NA> %s <NA> <NA>\n" % (name, a, b - a, spk))
        os.replace(rttm + ".tmp", rttm)
        print("%s: %d speakers, %.1f s" % (name, len(chosen), len(mix) / SR), file=sys.stderr)


if __name__ == "__main__":
    main()
