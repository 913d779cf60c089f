// DSP: framing, windows, real FFT (FFTW), mel filterbanks, MFCC, deltas, statistics kernels.
