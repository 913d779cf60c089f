// AudioDecoding, stage 1: file → mono 16 kHz Float blocks (libsndfile, soxr, ffmpeg fallback).
