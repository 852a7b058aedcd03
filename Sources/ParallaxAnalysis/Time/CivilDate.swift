/// A day of the proleptic Gregorian calendar, with the arithmetic that resolving "on Monday" needs.
public struct CivilDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        // Years a news text can mean; "0001-01-01" is a software default, not a date.
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1, day <= CivilDate.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD" (a longer date-time is cut to its date).
    init?(iso: String) {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public init(dayNumber n: Int) {
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 1 = Sunday … 7 = Saturday, as ICU numbers weekdays.
    var weekday: Int { ((dayNumber % 7 + 7 + 4) % 7) + 1 }

    /// The day `days` later; dates stay within the years 1000–9999 (an offset past them stops at the edge).
    func adding(days: Int) -> CivilDate {
        let lo = CivilDate(year: 1000, month: 1, day: 1)!.dayNumber
        let hi = CivilDate(year: 9999, month: 12, day: 31)!.dayNumber
        return CivilDate(dayNumber: min(max(dayNumber + days, lo), hi))
    }

    public var iso: String {
        "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))-\(CivilDate.pad(day, 2))"
    }

    public static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    /// The weekday a news text most likely means by a bare "on Tuesday": within the past four days (news reports
    /// what happened), else the coming one ("on Tuesday" in a Monday paper is tomorrow).
    func nearby(weekday w: Int) -> CivilDate {
        let back = (weekday - w + 7) % 7
        return back <= 4 ? adding(days: -back) : adding(days: 7 - back)
    }

    /// The most recent `weekday` on or before this date (`strictly`: before it), or the first one after it.
    func nearest(weekday w: Int, after: Bool, strictly: Bool) -> CivilDate {
        if after {
            let k = (w - weekday + 7) % 7
            return adding(days: k == 0 ? 7 : k)
        }
        let k = (weekday - w + 7) % 7
        return adding(days: -(k == 0 && strictly ? 7 : k))
    }
}
