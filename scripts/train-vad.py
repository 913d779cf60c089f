#!/usr/bin/env python3
"""Training data and trainer for samtal's voice-activity model (Models/vad/model.json).

Two steps, both deterministic (fixed seeds), driven by scripts/train-vad.sh:

  make-data OUT     Builds training and validation mixtures from LibriSpeech test-other
                    (CC BY 4.0, shared/data/audio/librispeech-test-other): utterance excerpts
                    separated by silences, random gains, optional reverberation and band
                    limiting, mixed with synthetic noise (white, pink, brown, speech-shaped,
                    hum, modulated, babble) at random SNRs. Writes OUT/{train,valid}/NNN.wav and
                    NNN.labels (one 0/1 per 10 ms frame, from the clean dry signal's energy).
                    Speakers 1688..3331 (8) train, 367 and 533 validate. None of the evaluation
                    files (picovoice, pyaudioanalysis, speechbrain, pyannote-sample) is used.
  train FEATS OUT   Reads the model inputs that `samtal vad --dump-features` wrote for each
                    mixture (float32, frames x dims) and the labels, trains a small MLP
                    (dims -> H tanh -> 1 sigmoid, cross-entropy, Adam), and writes the weights
                    with the input normalisation as JSON.

Only numpy, scipy and soundfile are needed (the peers venv has them).
"""
import json
import os
import sys

import numpy as np
import soundfile as sf
import scipy.signal as ss

SR = 16000
HOP = 160
WIN = 400
TRAIN_SPEAKERS = ["1688", "1998", "2033", "2414", "2609", "3005", "3080", "3331"]
VALID_SPEAKERS = ["367", "533"]


def load_utterances(libri, speakers):
    out = []
    for spk in speakers:
        d = os.path.join(libri, spk)
        for name in sorted(os.listdir(d)):
            if name.endswith(".flac"):
                x, sr = sf.read(os.path.join(d, name), dtype="float32")
                assert sr == SR
                out.append(x)
    return out


def frame_energy_db(x):
    """Energy in dB of frame t = samples [t*HOP, t*HOP+WIN), the framing samtal's scorer uses."""
    n = max(0, 1 + (len(x) - WIN) // HOP) if len(x) >= WIN else 0
    if n == 0:
        return np.zeros(0)
    idx = np.arange(WIN)[None, :] + HOP * np.arange(n)[:, None]
    e = np.mean(x[idx] ** 2, axis=1)
    return 10 * np.log10(e + 1e-12)


def clean_labels(x, floor_db=-30.0):
    """Speech frames of a clean excerpt: energy within floor_db of its loudest frame, gaps under
    0.2 s filled (annotators mark words and phrases, not every dip), blips under 50 ms dropped.
    Breaths, lip noise and faint tails more than 30 dB down count as silence, as in hand labels."""
    e = frame_energy_db(x)
    if len(e) == 0:
        return np.zeros(0, dtype=np.uint8)
    lab = (e > e.max() + floor_db).astype(np.uint8)
    return smooth_labels(lab, fill=20, drop=5)


def runs(lab):
    """(value, start, end) runs of a 0/1 array."""
    out = []
    i = 0
    while i < len(lab):
        j = i
        while j < len(lab) and lab[j] == lab[i]:
            j += 1
        out.append((int(lab[i]), i, j))
        i = j
    return out


def smooth_labels(lab, fill, drop):
    lab = lab.copy()
    for v, a, b in runs(lab):
        if v == 0 and a > 0 and b < len(lab) and b - a < fill:
            lab[a:b] = 1
    for v, a, b in runs(lab):
        if v == 1 and b - a < drop:
            lab[a:b] = 0
    return lab


def colored_noise(rng, n, kind):
    w = rng.standard_normal(n).astype(np.float64)
    if kind == "white":
        return w
    f = np.fft.rfftfreq(n, 1 / SR)
    f[0] = f[1]
    W = np.fft.rfft(w)
    if kind == "pink":
        W /= np.sqrt(f)
    elif kind == "brown":
        W /= f
    elif kind == "speechshaped":
        # Long-term speech spectrum: flat to ~500 Hz, then about -9 dB/octave.
        W *= 1 / (1 + (f / 500.0) ** 1.5)
    return np.fft.irfft(W, n)


def make_noise(rng, n, kind, babble_pool):
    if kind in ("white", "pink", "brown", "speechshaped"):
        x = colored_noise(rng, n, kind)
    elif kind == "hum":
        t = np.arange(n) / SR
        f0 = rng.choice([50.0, 60.0])
        x = sum((0.6 ** k) * np.sin(2 * np.pi * f0 * (k + 1) * t + rng.uniform(0, 6.28))
                for k in range(8))
        x = x + 0.05 * colored_noise(rng, n, "pink") / 30
    elif kind == "modulated":
        base = colored_noise(rng, n, rng.choice(["pink", "white", "speechshaped"]))
        # Slow random amplitude changes (0.2-2 Hz): fans, traffic, rustle.
        k = max(2, int(n / SR * rng.uniform(0.2, 2.0)))
        env = np.interp(np.arange(n), np.linspace(0, n, k), rng.uniform(0.2, 1.0, k))
        x = base * env
    elif kind == "babble":
        x = np.zeros(n)
        for _ in range(int(rng.integers(5, 9))):
            u = babble_pool[int(rng.integers(len(babble_pool)))]
            start = int(rng.integers(0, n))
            seg = np.resize(u, n)
            x += np.roll(seg, start) / np.sqrt(np.mean(u ** 2) + 1e-12)
    elif kind == "clicks":
        x = 0.02 * colored_noise(rng, n, "white")
        for _ in range(int(n / SR * rng.uniform(0.5, 4))):
            p = int(rng.integers(0, n - 800))
            L = int(rng.integers(50, 800))
            x[p:p + L] += rng.standard_normal(L) * np.exp(-np.arange(L) / (L / 4)) * 5
    else:
        raise ValueError(kind)
    return x / (np.sqrt(np.mean(x ** 2)) + 1e-12)


def reverb(rng, x):
    rt60 = rng.uniform(0.15, 0.7)
    L = int(rt60 * SR)
    t = np.arange(L) / SR
    h = rng.standard_normal(L) * np.exp(-6.9 * t / rt60)
    h[0] = 1.0 / rng.uniform(0.3, 1.0)
    h /= np.sqrt(np.sum(h ** 2))
    return ss.fftconvolve(x, h)[: len(x)]


def make_mixture(rng, utts, babble_pool, seconds):
    n_target = int(seconds * SR)
    clean = []
    labs = []
    pos = 0

    def add_silence(sec):
        nonlocal pos
        k = int(sec * SR)
        clean.append(np.zeros(k))
        pos += k

    # Lead-in: usually short, sometimes a long stretch of noise only (so that the scorer also
    # learns windows without any speech in them).
    r = rng.random()
    add_silence(rng.uniform(4.0, 15.0) if r < 0.15 else rng.uniform(0.0, 2.0) if r < 0.8 else 0.0)
    segs = []
    while pos < n_target:
        u = utts[int(rng.integers(len(utts)))]
        dur = min(len(u), int(SR * (rng.uniform(0.3, 2.0) if rng.random() < 0.4
                                       else rng.uniform(2.0, 10.0))))
        a = int(rng.integers(0, len(u) - dur + 1))
        seg = u[a:a + dur].astype(np.float64) * 10 ** (rng.uniform(-15, 5) / 20)
        # Fade the cut edges (5 ms) so excerpts do not start with a click.
        f = min(80, dur // 2)
        seg[:f] *= np.linspace(0, 1, f)
        seg[dur - f:] *= np.linspace(1, 0, f)
        segs.append((pos, seg))
        clean.append(seg)
        pos += dur
        r = rng.random()
        add_silence(rng.uniform(0.05, 0.4) if r < 0.3 else rng.uniform(0.4, 3.0) if r < 0.92
                    else rng.uniform(3.0, 12.0))
    x = np.concatenate(clean)
    n = len(x)
    nf = 1 + (n - WIN) // HOP
    lab = np.zeros(nf, dtype=np.uint8)
    for p, seg in segs:
        sl = clean_labels(seg)
        # Frame t of the mixture starts at t*HOP; the excerpt starts at p (not always on a hop).
        f0 = p // HOP
        for t in np.nonzero(sl)[0]:
            if 0 <= f0 + t < nf:
                lab[f0 + t] = 1
    lab = smooth_labels(lab, fill=20, drop=5)

    dry = x.copy()
    if rng.random() < 0.3:
        x = reverb(rng, x)
    if rng.random() < 0.15:
        b, a = ss.butter(4, [300 / (SR / 2), 3400 / (SR / 2)], btype="band")
        x = ss.lfilter(b, a, x)
    mask = np.zeros(n, dtype=bool)
    mask[: len(lab) * HOP] = np.repeat(lab, HOP).astype(bool)
    speech_power = np.mean(dry[mask] ** 2) if mask.any() else 1e-4
    kind = rng.choice(["clean", "white", "pink", "brown", "speechshaped", "hum", "modulated",
                       "babble", "clicks"],
                      p=[0.08, 0.14, 0.16, 0.1, 0.14, 0.06, 0.14, 0.1, 0.08])
    if kind == "clean":
        # Dither, or true digital silence (edited recordings, synthetic speech).
        noise = colored_noise(rng, n, "white") * (1e-4 if rng.random() < 0.5 else 0.0)
        snr = None
    else:
        noise = make_noise(rng, n, kind, babble_pool)
        snr = rng.uniform(12, 30) if kind == "babble" else rng.uniform(3, 35)
        noise *= np.sqrt(speech_power / 10 ** (snr / 10))
        if rng.random() < 0.3:
            # A second, quieter noise of another kind.
            k2 = rng.choice(["white", "pink", "hum", "clicks"])
            noise += make_noise(rng, n, k2, babble_pool) * np.sqrt(speech_power) * 10 ** (
                -rng.uniform(20, 45) / 20)
    # Non-speech events in the pauses: door knocks, rustle, chair noise (band-pass noise bursts).
    if rng.random() < 0.3:
        for _ in range(int(rng.integers(1, 6))):
            L = int(SR * rng.uniform(0.05, 1.2))
            p0 = int(rng.integers(0, max(1, n - L)))
            f0 = rng.uniform(100, 3000)
            b, a = ss.butter(2, [f0 / (SR / 2), min(0.95, f0 * rng.uniform(1.5, 4) / (SR / 2))],
                             btype="band")
            burst = ss.lfilter(b, a, rng.standard_normal(L)) * np.hanning(L) ** rng.uniform(0.2, 2)
            burst *= np.sqrt(speech_power) * 10 ** (-rng.uniform(5, 30) / 20) / (
                np.sqrt(np.mean(burst ** 2)) + 1e-12)
            f_lo, f_hi = p0 // HOP, (p0 + L) // HOP
            if lab[max(0, f_lo - 20):f_hi + 20].any():
                continue  # only in pauses, so that the labels stay right
            noise[p0:p0 + L] += burst
    y = x + noise
    # Edited recordings and noise gates: digital silence in the middle of some pauses, leaving the
    # room noise just around the speech.
    if rng.random() < 0.2:
        for v, a, b in runs(lab):
            if v == 0 and b - a > 60 and rng.random() < 0.7:
                g0 = (a + int(rng.integers(15, 30))) * HOP
                g1 = (b - int(rng.integers(15, 30))) * HOP
                y[g0:g1] = 0
    # Slow overall gain changes (people move, automatic gain) of up to +-6 dB.
    if rng.random() < 0.3:
        k = max(2, int(n / SR / 5))
        g = np.interp(np.arange(n), np.linspace(0, n, k), rng.uniform(-6, 6, k))
        y *= 10 ** (g / 20)
    peak = np.max(np.abs(y)) + 1e-12
    y *= 10 ** (rng.uniform(-35, -1) / 20) / peak
    return y.astype(np.float32), lab, str(kind), snr


def cmd_make_data(out, libri, n_train=110, n_valid=20, seconds=45.0):
    for split, speakers, count, seed in (("train", TRAIN_SPEAKERS, n_train, 1),
                                         ("valid", VALID_SPEAKERS, n_valid, 2)):
        utts = load_utterances(libri, speakers)
        babble_pool = utts
        d = os.path.join(out, split)
        os.makedirs(d, exist_ok=True)
        rng = np.random.default_rng(seed)
        meta = []
        for i in range(count):
            y, lab, kind, snr = make_mixture(rng, utts, babble_pool, seconds)
            sf.write(os.path.join(d, "%03d.wav" % i), y, SR, subtype="PCM_16")
            np.savetxt(os.path.join(d, "%03d.labels" % i), lab, fmt="%d")
            meta.append({"file": "%03d.wav" % i, "noise": kind, "snr_db": snr,
                         "speech_fraction": float(lab.mean())})
        with open(os.path.join(d, "meta.json"), "w") as f:
            json.dump(meta, f, indent=1)
        print("make-data: %s: %d mixtures" % (split, count), file=sys.stderr)


def load_split(featdir, datadir, split, dims):
    X, Y = [], []
    d = os.path.join(datadir, split)
    for name in sorted(os.listdir(d)):
        if not name.endswith(".wav"):
            continue
        stem = name[:-4]
        feats = np.fromfile(os.path.join(featdir, split, stem + ".f32"), dtype="<f4")
        feats = feats.reshape(-1, dims)
        lab = np.loadtxt(os.path.join(d, stem + ".labels"), dtype=np.int64)
        n = min(len(lab), len(feats))
        X.append(feats[:n])
        Y.append(lab[:n])
    return X, Y


def f1(p, y, thr=0.5):
    h = p > thr
    tp = np.sum(h & (y == 1))
    fp = np.sum(h & (y == 0))
    fn = np.sum(~h & (y == 1))
    return 2 * tp / max(1, 2 * tp + fp + fn)


def cmd_train(featdir, datadir, out, dims, hidden=16, epochs=12, seed=7):
    Xtr, Ytr = load_split(featdir, datadir, "train", dims)
    Xva, Yva = load_split(featdir, datadir, "valid", dims)
    X = np.concatenate(Xtr).astype(np.float64)
    Y = np.concatenate(Ytr).astype(np.float64)
    Xv = np.concatenate(Xva).astype(np.float64)
    Yv = np.concatenate(Yva).astype(np.float64)
    mean = X.mean(axis=0)
    std = X.std(axis=0) + 1e-6
    Xn = (X - mean) / std
    Xvn = (Xv - mean) / std
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((dims, hidden)) * np.sqrt(1.0 / dims)
    b1 = np.zeros(hidden)
    W2 = rng.standard_normal(hidden) * np.sqrt(1.0 / hidden)
    b2 = 0.0
    params = [W1, b1, W2, np.array([b2])]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, step = 3e-3, 0.9, 0.999, 0
    batch = 2048
    wd = 1e-4

    def forward(A):
        h = np.tanh(A @ params[0] + params[1])
        z = h @ params[2] + params[3][0]
        return h, 1 / (1 + np.exp(-z))

    for ep in range(epochs):
        order = rng.permutation(len(Xn))
        loss = 0.0
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            A, y = Xn[idx], Y[idx]
            h, p = forward(A)
            p = np.clip(p, 1e-7, 1 - 1e-7)
            loss += -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
            dz = (p - y) / len(idx)
            gW2 = h.T @ dz + wd * params[2]
            gb2 = np.array([dz.sum()])
            dh = np.outer(dz, params[2]) * (1 - h ** 2)
            gW1 = A.T @ dh + wd * params[0]
            gb1 = dh.sum(axis=0)
            step += 1
            for i, g in enumerate([gW1, gb1, gW2, gb2]):
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                mh = m[i] / (1 - beta1 ** step)
                vh = v[i] / (1 - beta2 ** step)
                params[i] -= lr * mh / (np.sqrt(vh) + 1e-8)
        if ep in (epochs // 2, epochs * 5 // 6):
            lr *= 0.3
        _, pv = forward(Xvn)
        _, pt = forward(Xn[:200000])
        print("train: epoch %2d loss %.4f train-F1 %.4f valid-F1 %.4f" % (
            ep, loss / len(Xn), f1(pt, Y[:200000]), f1(pv, Yv)), file=sys.stderr)
    _, pv = forward(Xvn)
    model = {
        "schemaVersion": 1,
        "kind": "mlp-tanh-sigmoid",
        "inputDimensions": dims,
        "hiddenUnits": hidden,
        "inputMean": [float(x) for x in mean],
        "inputStd": [float(x) for x in std],
        "hiddenWeights": [float(x) for x in params[0].T.reshape(-1)],  # hidden x inputs, row-major
        "hiddenBias": [float(x) for x in params[1]],
        "outputWeights": [float(x) for x in params[2]],
        "outputBias": float(params[3][0]),
        "training": {
            "trainFrames": int(len(Xn)), "validFrames": int(len(Xvn)),
            "validFrameF1At0.5": float(f1(pv, Yv)), "epochs": epochs, "seed": seed,
        },
    }
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(model, f, indent=0, sort_keys=True)
        f.write("\n")
    os.replace(tmp, out)
    print("train: wrote %s (valid frame F1 %.4f)" % (out, f1(pv, Yv)), file=sys.stderr)



def hysteresis_frames(p, onset, offset, min_speech, min_silence, pad):
    """Frame-level version of samtal's Hysteresis (durations in 10 ms frames): 0/1 per frame."""
    regs, on, st = [], False, 0
    for t, v in enumerate(p):
        if not on and v >= onset:
            on, st = True, t
        elif on and v < offset:
            on = False
            regs.append([st, t])
    if on:
        regs.append([st, len(p)])
    merged = []
    for r in regs:
        if merged and r[0] - merged[-1][1] < min_silence:
            merged[-1][1] = r[1]
        else:
            merged.append(r)
    out = np.zeros(len(p), dtype=np.uint8)
    for a, b in merged:
        if b - a >= max(1, min_speech):
            out[max(0, a - pad):min(len(p), b + pad)] = 1
    return out


def cmd_tune(probdir, datadir):
    """Frame F1 of each preset candidate on the validation mixtures (probabilities from
    `samtal vad --dump-probabilities`), to choose the presets in Hysteresis+Presets.swift."""
    d = os.path.join(datadir, "valid")
    P, Y = [], []
    for name in sorted(os.listdir(d)):
        if name.endswith(".wav"):
            p = np.fromfile(os.path.join(probdir, name[:-4] + ".p32"), dtype="<f4")
            y = np.loadtxt(os.path.join(d, name[:-4] + ".labels"), dtype=np.int64)
            n = min(len(p), len(y))
            P.append(p[:n])
            Y.append(y[:n])
    rows = []
    for onset in (0.35, 0.5, 0.65, 0.8, 0.9):
        for gap in (0.15,):
            offset = max(0.0, onset - gap)
            for ms in (10, 20, 25):
                for mi in (10, 15, 20, 30):
                    for pad in (0, 2, 3, 5, 10):
                        tp = fp = fn = 0
                        for p, y in zip(P, Y):
                            h = hysteresis_frames(p, onset, offset, ms, mi, pad)
                            tp += int(np.sum((h == 1) & (y == 1)))
                            fp += int(np.sum((h == 1) & (y == 0)))
                            fn += int(np.sum((h == 0) & (y == 1)))
                        f = 2 * tp / max(1, 2 * tp + fp + fn)
                        rows.append((f, onset, offset, ms / 100, mi / 100, pad / 100,
                                     tp / max(1, tp + fp), tp / max(1, tp + fn)))
    rows.sort(reverse=True)
    print("F1\tonset\toffset\tmin_speech\tmin_silence\tpad\tprecision\trecall")
    for r in rows[:15]:
        print("%.4f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.4f\t%.4f" % r)
    for onset in (0.35, 0.5, 0.65, 0.8):
        best = max(r for r in rows if r[1] == onset)
        print("best at onset %.2f: F1 %.4f (min speech %.2f, min silence %.2f, pad %.2f)"
              % (onset, best[0], best[3], best[4], best[5]))


# ---------------------------------------------------------------------------------------------
# Prototype features in numpy (for design experiments only; the shipped model is trained on the
# features that the Swift scorer dumps, so training and inference can never disagree).

def proto_logmel(x):
    import librosa
    S = librosa.feature.melspectrogram(y=x, sr=SR, n_fft=512, hop_length=160, win_length=400,
                                       center=False, n_mels=40, htk=False, norm="slaney")
    return librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=None).T  # frames x 40


def box_mean(A, r):
    """Mean of rows t-r..t+r (truncated at the edges), per column."""
    n = len(A)
    c = np.concatenate([np.zeros((1, A.shape[1])), np.cumsum(A, axis=0)])
    lo = np.clip(np.arange(n) - r, 0, n)
    hi = np.clip(np.arange(n) + r + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)[:, None]


def proto_features(L):
    n = len(L)
    S = box_mean(L, 2)
    B = 10
    nb = (n + B - 1) // B
    pad = np.full((nb * B, L.shape[1]), np.inf)
    pad[:n] = S
    bmin = pad.reshape(nb, B, -1).min(axis=1)
    F = np.empty_like(L)
    for k in range(nb):
        f = bmin[max(0, k - 10):k + 11].min(axis=0)
        F[k * B:(k + 1) * B] = f
    D = L - F
    C1 = box_mean(D, 4)
    C2 = box_mean(D, 15)
    level = L.mean(axis=1, keepdims=True)
    fl = np.zeros((n, 1))
    fl[1:, 0] = np.abs(np.diff(L, axis=0)).mean(axis=1)
    flux = box_mean(fl, 4)
    e = S.mean(axis=1)
    pad = np.full(nb * B, -np.inf)
    pad[:n] = e
    bmax = pad.reshape(nb, B).max(axis=1)
    P = np.empty(n)
    for k in range(nb):
        P[k * B:(k + 1) * B] = bmax[max(0, k - 30):k + 31].max()
    below = (L.mean(axis=1) - P)[:, None]
    return np.concatenate([D, C1, C2, level, flux, below, box_mean(below, 4),
                           (P - F.mean(axis=1))[:, None]], axis=1).astype(np.float32)


def cmd_proto_feats(datadir, featdir):
    for split in ("train", "valid"):
        os.makedirs(os.path.join(featdir, split), exist_ok=True)
        d = os.path.join(datadir, split)
        for name in sorted(os.listdir(d)):
            if name.endswith(".wav"):
                x, _ = sf.read(os.path.join(d, name), dtype="float32")
                proto_features(proto_logmel(x)).astype("<f4").tofile(
                    os.path.join(featdir, split, name[:-4] + ".f32"))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "proto-features":
        cmd_proto_feats(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "make-data":
        cmd_make_data(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "tune":
        cmd_tune(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 6 and sys.argv[1] == "train":
        cmd_train(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        print("usage: train-vad.py make-data OUT LIBRISPEECH_DIR\n"
              "       train-vad.py train FEATDIR DATADIR OUT.json DIMS", file=sys.stderr)
        sys.exit(64)
