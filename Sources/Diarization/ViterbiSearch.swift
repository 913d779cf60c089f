/// The resegmentation's Viterbi search, one frame at a time: the best state path through frames
/// × states log-likelihoods where staying costs nothing and switching to any other state costs
/// `penalty`.
///
/// Only the back-pointers are kept (2 bytes per frame and state of the current speech run, so at
/// most `UInt16.max` states); the log-likelihoods are consumed as they are computed.
struct ViterbiSearch {
    let states: Int
    let penalty: Double
    /// Best score ending in each state at the last frame.
    private var score: [Double]
    /// from[t·states + s] = previous state of s at frame t (frame 0: unused).
    private var from: [UInt16] = []
    private(set) var frames = 0

    init(states: Int, penalty: Double) {
        precondition(states >= 1 && states <= Int(UInt16.max), "\(states) states")
        self.states = states
        self.penalty = penalty
        score = [Double](repeating: 0, count: states)
    }

    /// Starts a new sequence of about `expectedFrames` frames (keeps the memory of the longest
    /// one so far).
    mutating func reset(expectedFrames: Int = 0) {
        frames = 0
        if from.count < expectedFrames * states {
            from = [UInt16](repeating: 0, count: expectedFrames * states)
        }
    }

    /// The next frame's log-likelihood per state (`states` values).
    mutating func step(_ ll: UnsafeBufferPointer<Double>) {
        let m = states
        if from.count < (frames + 1) * m { from.append(contentsOf: repeatElement(0, count: max(m, from.count))) }
        if frames == 0 {
            for s in 0..<m { score[s] = ll[s] }
            frames = 1
            return
        }
        let base = frames * m
        var bestState = 0
        for s in 1..<m where score[s] > score[bestState] { bestState = s }
        let switchScore = score[bestState] - penalty
        for s in 0..<m {
            if score[s] >= switchScore {
                from[base + s] = UInt16(s)
                score[s] += ll[s]
            } else {
                from[base + s] = UInt16(bestState)
                score[s] = switchScore + ll[s]
            }
        }
        frames += 1
    }

    /// The best path: calls `body(frame, state)` for every frame, last frame first.
    func backtrack(_ body: (Int, Int) -> Void) {
        if frames == 0 { return }
        var state = 0
        for s in 1..<states where score[s] > score[state] { state = s }
        for t in stride(from: frames - 1, through: 0, by: -1) {
            body(t, state)
            state = Int(from[t * states + state])
        }
    }
}
