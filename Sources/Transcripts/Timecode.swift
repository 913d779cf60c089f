import Foundation

/// Clock times as they appear in transcripts: `hh:mm:ss.mmm`, `hh:mm:ss,mmm`, `mm:ss`, `h:mm:ss`.
enum Timecode {
    /// Parses `[[h:]m:]s[.,fraction]`, or nil. Hours may have any number of digits; minutes and
    /// seconds at most two when a larger unit precedes them.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        let t = text.trimmed
        guard !t.isEmpty, t.count < 40 else { return nil }
        var parts = t.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else { return nil }
        var fraction = 0.0
        let last = parts.removeLast()
        let secParts = last.split(omittingEmptySubsequences: false,
                                  whereSeparator: { $0 == "." || $0 == "," })
        guard (1...2).contains(secParts.count), let sec = Int(secParts[0]),
              secParts[0].allSatisfy({ $0.isASCIIDigit }) else { return nil }
        if secParts.count == 2 {
            let f = secParts[1]
            guard !f.isEmpty, f.count <= 9, f.allSatisfy({ $0.isASCIIDigit }), let v = Double("0." + f)
            else { return nil }
            fraction = v
        }
        var units: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 9, p.allSatisfy({ $0.isASCIIDigit }), let v = Int(p) else { return nil }
            units.append(v)
        }
        if !units.isEmpty && sec > 59 { return nil }
        if units.count == 2 && units[1] > 59 { return nil }
        var total = 0.0
        for u in units { total = total * 60 + Double(u) }
        return total * 60 + Double(sec) + fraction
    }

    /// `hh:mm:ss.mmm` (WebVTT) or `hh:mm:ss,mmm` (SRT) with the given separator.
    static func format(_ seconds: Double, separator: Character = ".", alwaysHours: Bool = true)
        -> String
    {
        let ms = Timecode.milliseconds(max(0, seconds))
        let h = ms / 3_600_000, m = ms / 60_000 % 60, s = ms / 1000 % 60, f = ms % 1000
        let hh = h < 10 ? "0\(h)" : "\(h)"
        let body = "\(pad2(m)):\(pad2(s))\(separator)\(pad3(f))"
        return alwaysHours || h > 0 ? "\(hh):\(body)" : body
    }

    /// Seconds with up to three decimals and no trailing zeros (`6.68`, `12`, `0.005`).
    static func decimal(_ seconds: Double, trimZeros: Bool = true) -> String {
        let ms = Timecode.milliseconds(seconds)
        let sign = ms < 0 ? "-" : ""
        let a = abs(ms)
        var frac = pad3(a % 1000)
        while trimZeros, frac.hasSuffix("0") { frac.removeLast() }
        return sign + "\(a / 1000)" + (frac.isEmpty ? "" : "." + frac)
    }

    /// The largest time samtal accepts from a file: about 115 days.
    static let maximumSeconds = 10_000_000.0

    /// Whole milliseconds, clamped to ±`maximumSeconds` so that no input can overflow `Int`.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return 0 }
        let clamped = min(max(seconds, -maximumSeconds), maximumSeconds)
        return Int((clamped * 1000).rounded())
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func pad3(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
