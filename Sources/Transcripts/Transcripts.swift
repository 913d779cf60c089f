// Transcripts, stage 4: readers and writers per format, alignment with speaker turns.
