// VoiceActivity, stage 2: frames → speech regions (scoring, then hysteresis).
