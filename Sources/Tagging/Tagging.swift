// Tagging, stage 5: tokenizer, stemming, codebook, emotions, actors, theme discovery.
