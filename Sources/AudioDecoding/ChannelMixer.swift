/// Interleaved multichannel frames → one mono channel, with non-finite samples replaced by 0.
enum ChannelMixer {
    /// Writes `frames` mono samples into `output`: the mean of all channels, or channel
    /// `selecting` (0-based) alone. `input` is `frames × channels`, row-major (frame, channel).
    /// Returns how many output samples were NaN or ±Inf and were replaced by 0.
    static func mono(from input: UnsafeBufferPointer<Float>, channels: Int, frames: Int,
                     selecting: Int?, into output: UnsafeMutableBufferPointer<Float>) -> Int {
        precondition(input.count >= frames * channels && output.count >= frames)
        var invalid = 0
        if channels == 1 || selecting != nil {
            let c = selecting ?? 0
            for i in 0..<frames {
                let v = input[i * channels + c]
                if v.isFinite { output[i] = v } else { output[i] = 0; invalid += 1 }
            }
        } else {
            let scale = 1 / Float(channels)
            for i in 0..<frames {
                var sum: Float = 0
                let row = i * channels
                for c in 0..<channels { sum += input[row + c] }
                // One bad channel poisons the mean: treat the whole frame as one invalid sample.
                if sum.isFinite { output[i] = sum * scale } else { output[i] = 0; invalid += 1 }
            }
        }
        return invalid
    }
}
