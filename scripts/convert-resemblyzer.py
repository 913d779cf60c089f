#!/usr/bin/env python3
"""Converts Resemblyzer's pretrained voice encoder (Apache-2.0) into samtal's model format, once.

    PY=~/.cache/samtal-peers/venv/bin/python
    $PY scripts/convert-resemblyzer.py Models/speaker-encoder \
        --fixture-audio ../shared/data/audio/librispeech-test-other/1688/1688-142285-0000.flac \
        --fixture-out Tests/DiarizationTests/Resources/encoder

Needs torch, librosa and resemblyzer (the peers venv has them). Writes:
- OUT/voice-encoder.bin: the tensors as little-endian float32, one after another;
- OUT/voice-encoder.json: the header (tensor names, shapes, offsets in floats, the model's
  hyper-parameters, the sha256 of the source checkpoint and of the .bin);
- OUT/LICENSE (Resemblyzer's Apache-2.0 licence) and OUT/NOTICE.
With --fixture-*: a 1.6 s clip of the given audio (16 kHz, 16-bit WAV), librosa's mel frames
of it (what the encoder reads), and the Python encoder's embedding, for the Swift test.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys

import numpy as np


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--fixture-audio")
    ap.add_argument("--fixture-out")
    args = ap.parse_args()

    import torch
    import resemblyzer
    from resemblyzer import hparams

    package = os.path.dirname(resemblyzer.__file__)
    checkpoint_path = os.path.join(package, "pretrained.pt")
    state = torch.load(checkpoint_path, map_location="cpu")["model_state"]
    names = []
    for layer in range(hparams.model_num_layers):
        for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            names.append("lstm.%s_l%d" % (kind, layer))
    names += ["linear.weight", "linear.bias"]

    os.makedirs(args.out, exist_ok=True)
    bin_path = os.path.join(args.out, "voice-encoder.bin")
    tensors = []
    offset = 0
    with open(bin_path + ".tmp", "wb") as fh:
        for name in names:
            t = state[name].detach().cpu().numpy().astype("<f4")
            fh.write(t.tobytes(order="C"))
            tensors.append({"name": name, "shape": list(t.shape), "offset": offset})
            offset += t.size
    os.replace(bin_path + ".tmp", bin_path)
    header = {
        "format": "samtal-tensors-v1",
        "dtype": "float32-le",
        "layout": "row-major, PyTorch shapes; LSTM gate order i, f, g, o",
        "model": "resemblyzer VoiceEncoder",
        "source": "resemblyzer 0.1.4, resemblyzer/pretrained.pt",
        "source_sha256": sha256(checkpoint_path),
        "bin_sha256": sha256(bin_path),
        "float_count": offset,
        "hyperparameters": {
            "sample_rate": hparams.sampling_rate,
            "mel_bands": hparams.mel_n_channels,
            "n_fft": int(hparams.sampling_rate * hparams.mel_window_length / 1000),
            "hop_length": int(hparams.sampling_rate * hparams.mel_window_step / 1000),
            "partial_frames": hparams.partials_n_frames,
            "hidden_size": hparams.model_hidden_size,
            "embedding_size": hparams.model_embedding_size,
            "layers": hparams.model_num_layers,
            "volume_target_dbfs": hparams.audio_norm_target_dBFS,
        },
        "tensors": tensors,
    }
    with open(os.path.join(args.out, "voice-encoder.json"), "w") as fh:
        json.dump(header, fh, indent=2)
        fh.write("\n")
    dist = [d for d in os.listdir(os.path.dirname(package)) if d.lower().startswith("resemblyzer-")]
    licence = os.path.join(os.path.dirname(package), dist[0], "LICENSE")
    shutil.copyfile(licence, os.path.join(args.out, "LICENSE"))
    with open(os.path.join(args.out, "NOTICE"), "w") as fh:
        fh.write(
            "voice-encoder.bin holds the weights of the pretrained voice encoder of Resemblyzer\n"
            "(https://github.com/resemble-ai/Resemblyzer), Copyright (c) 2019 Resemble AI,\n"
            "licensed under the Apache License, Version 2.0 (see LICENSE in this folder).\n"
            "Converted from resemblyzer 0.1.4's pretrained.pt to raw float32 by\n"
            "scripts/convert-resemblyzer.py; the values are unchanged.\n")
    print("wrote %s (%d floats)" % (bin_path, offset), file=sys.stderr)

    if args.fixture_audio and args.fixture_out:
        import soundfile as sf
        from resemblyzer import VoiceEncoder
        from resemblyzer.audio import wav_to_mel_spectrogram
        audio, sr = sf.read(args.fixture_audio, dtype="float32")
        assert sr == hparams.sampling_rate
        clip = audio[16000:16000 + 25600]
        # Round through 16-bit so that the WAV the Swift test reads is exactly this signal.
        pcm = np.clip(np.round(clip * 32767), -32768, 32767).astype(np.int16)
        clip = pcm.astype(np.float32) / 32768.0
        os.makedirs(args.fixture_out, exist_ok=True)
        sf.write(os.path.join(args.fixture_out, "clip.wav"), pcm, sr, subtype="PCM_16")
        mel = wav_to_mel_spectrogram(clip)[:hparams.partials_n_frames]
        encoder = VoiceEncoder(device="cpu", verbose=False)
        with torch.no_grad():
            embedding = encoder(torch.from_numpy(mel[None].astype(np.float32))).numpy()[0]
        fixture = {
            "source": os.path.basename(args.fixture_audio) + " samples 16000..<41600, 16-bit",
            "mel_frames": mel.shape[0],
            "mel_bands": mel.shape[1],
            "mel": [float(x) for x in mel.reshape(-1)],
            "embedding": [float(x) for x in embedding],
        }
        with open(os.path.join(args.fixture_out, "expected.json"), "w") as fh:
            json.dump(fixture, fh)
            fh.write("\n")
        print("wrote fixture to %s" % args.fixture_out, file=sys.stderr)


if __name__ == "__main__":
    main()
