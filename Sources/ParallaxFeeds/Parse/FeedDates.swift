import Foundation
import ParallaxAnalysis

/// Dates as feeds write them — RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and their common broken variants — read
/// into ISO 8601: UTC with a time when a time was given ("2031-03-14T09:00:00Z"), a day otherwise.
public enum FeedDates {
    public static func iso(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 100 else { return nil }
        if let first = trimmed.first, first.isNumber, let date = rfc3339(trimmed) { return date }
        return rfc822(trimmed)
    }

    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                         "oct": 10, "nov": 11, "dec": 12]
    /// North American zone names RFC 822 allows, and the usual spellings of UTC, in minutes east.
    static let zones = ["gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
                        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "bst": 60]

    /// "2031-03-14T10:00:00+01:00", "2031-03-14 10:00:00.5Z", "2031-03-14T10:00", "2031-03-14".
    static func rfc3339(_ s: String) -> String? {
        let c = Array(s.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= c.count else { return nil }
            var n = 0
            for b in c[from..<(from + count)] {
                guard (0x30...0x39).contains(b) else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }
        guard c.count >= 10, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        guard c.count > 10 else { return civil(year, month, day, nil) }
        guard c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: "t") || c[10] == UInt8(ascii: " "),
              let hour = number(11, 2), c.count >= 16, c[13] == UInt8(ascii: ":"), let minute = number(14, 2) else {
            return civil(year, month, day, nil)
        }
        var i = 16
        var second = 0
        if i < c.count, c[i] == UInt8(ascii: ":"), let s = number(i + 1, 2) {
            second = s
            i += 3
            if i < c.count, c[i] == UInt8(ascii: ".") || c[i] == UInt8(ascii: ",") {
                i += 1
                while i < c.count, (0x30...0x39).contains(c[i]) { i += 1 }
            }
        }
        let zone = String(decoding: c[i...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let offset = zone.isEmpty ? 0 : self.offset(zone) else { return nil }
        return civil(year, month, day, (hour, minute, second, offset))
    }

    /// "Tue, 14 Mar 2031 10:00:00 GMT", "14 Mar 31 10:00 +0100", "Tuesday, March 14, 2031 10:00:00 EST",
    /// "Tue, 14 Mar 2031" — the weekday ignored, the month by its first three letters.
    static func rfc822(_ s: String) -> String? {
        let tokens = s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        var day: Int?, month: Int?, year: Int?
        var time: (Int, Int, Int)?
        var offset = 0
        for token in tokens {
            let lower = token.lowercased()
            if token.contains(":"), time == nil {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1] else { return nil }
                time = (h, m, parts.count > 2 ? (parts[2] ?? 0) : 0)
            } else if let m = months[String(lower.prefix(3))], month == nil, lower.allSatisfy(\.isLetter) {
                month = m
            } else if let n = Int(token), !token.hasPrefix("+"), !token.hasPrefix("-") {
                if day == nil && n >= 1 && n <= 31 && token.count <= 2 { day = n } else if year == nil { year = n }
            } else if let zone = self.offset(token) {
                offset = zone
            }
        }
        guard let day, let month, var year else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        return civil(year, month, day, time.map { ($0.0, $0.1, $0.2, offset) })
    }

    /// Minutes east of UTC for "Z", "GMT", "EST", "+0100", "+01:00", "-05".
    static func offset(_ zone: String) -> Int? {
        if let named = zones[zone.lowercased()] { return named }
        let c = Array(zone.utf8)
        guard c.count >= 3, c[0] == UInt8(ascii: "+") || c[0] == UInt8(ascii: "-") else { return nil }
        let digits = c.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let value = Int(String(decoding: digits, as: UTF8.self))!
        let minutes = digits.count == 2 ? value * 60 : (value / 100) * 60 + value % 100
        return c[0] == UInt8(ascii: "-") ? -minutes : minutes
    }

    /// The ISO form of a civil date and time, the time moved to UTC; nil for an impossible date.
    static func civil(_ year: Int, _ month: Int, _ day: Int, _ time: (Int, Int, Int, Int)?) -> String? {
        guard let date = CivilDate(year: year, month: month, day: day) else { return nil }
        guard let (hour, minute, second, offset) = time else { return date.iso }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var minutes = hour * 60 + minute - offset
        let shift = Int((Double(minutes) / 1440).rounded(.down))
        minutes -= shift * 1440
        let utc = CivilDate(dayNumber: date.dayNumber + shift)
        return utc.iso + "T" + CivilDate.pad(minutes / 60, 2) + ":" + CivilDate.pad(minutes % 60, 2) + ":"
            + CivilDate.pad(min(second, 59), 2) + "Z"
    }
}
