// Diarization, stage 3: speech → speaker turns (embedding, clustering, resegmentation, scoring).
