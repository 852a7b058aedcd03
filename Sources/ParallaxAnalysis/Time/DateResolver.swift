import ParallaxModel

/// Turns date expressions into calendar dates, against the publication date — stated, or inferred from the
/// dates the text gives when the page does not say.
struct DateResolver: Sendable {
    /// The day the article was published, and whether it was inferred from the text.
    struct Anchor: Sendable {
        var date: CivilDate
        var inferred: Bool
    }

    /// The publication day implied by the text: the latest explicit date near the top, or any date whose stated
    /// weekday agrees with it ("Wednesday, February 23"), moved on by a day or two when the text speaks of a
    /// weekday just after it ("the letters dated Tuesday 22 February, published on Wednesday").
    static func inferPublication(_ expressions: [DateExpression]) -> CivilDate? {
        let year = latestYear(expressions)
        var best: CivilDate?
        for e in expressions {
            guard case .day(let y, let m, let d) = e.value else { continue }
            var date: CivilDate?
            if let w = e.statedWeekday {
                let years = y.map { [$0] } ?? year.map { Array($0...($0 + 10)) } ?? []
                date = years.lazy.compactMap { CivilDate(year: $0, month: m, day: d) }.first { $0.weekday == w }
            } else if e.paragraph < 3, let y = y ?? year {
                date = CivilDate(year: y, month: m, day: d)
            }
            if let date, date > best ?? date.adding(days: -1) { best = date }
        }
        guard var anchor = best else { return nil }
        let start = anchor
        for e in expressions {
            guard case .weekday(let w, nil) = e.value else { continue }
            let k = (w - start.weekday + 7) % 7
            if (1...2).contains(k), start.adding(days: k) > anchor { anchor = start.adding(days: k) }
        }
        return anchor
    }

    /// The latest year written with a date or alone, used when a day and month come without one.
    static func latestYear(_ expressions: [DateExpression]) -> Int? {
        expressions.compactMap { e -> Int? in
            switch e.value {
            case .day(let y?, _, _), .month(let y, _): return y
            default: return nil
            }
        }.max()
    }

    var anchor: Anchor?
    /// For day-month dates when there is no anchor: the latest year the text gives.
    var fallbackYear: Int?

    /// The resolved value (YYYY-MM-DD, YYYY-MM, YYYY or an ISO duration) and whether it rests on an inference.
    func resolve(_ value: DateExpression.Value) -> (String?, Bool) {
        let inferred = anchor?.inferred ?? false
        switch value {
        case .day(let y?, let m, let d):
            return (CivilDate(year: y, month: m, day: d)?.iso, false)
        case .day(nil, let m, let d):
            guard let a = anchor?.date else {
                return (fallbackYear.flatMap { CivilDate(year: $0, month: m, day: d)?.iso }, fallbackYear != nil)
            }
            // A date more than two months after publication is last year's ("on 28 December", read in January).
            guard let same = CivilDate(year: a.year, month: m, day: d) else { return (nil, inferred) }
            if same.dayNumber - a.dayNumber > 60, let previous = CivilDate(year: a.year - 1, month: m, day: d) {
                return (previous.iso, inferred)
            }
            return (same.iso, inferred)
        case .month(let y, let m):
            return ("\(CivilDate.pad(y, 4))-\(CivilDate.pad(m, 2))", false)
        case .year(let y):
            return (CivilDate.pad(y, 4), false)
        case .weekday(let w, let relative):
            guard let a = anchor?.date else { return (nil, false) }
            let date = relative == nil || relative == .this ? a.nearby(weekday: w)
                : a.nearest(weekday: w, after: relative == .next, strictly: relative == .last)
            return (date.iso, inferred)
        case .offset(let n, let unit):
            guard let a = anchor?.date, abs(n) < 5000 else { return (nil, false) }
            return (offset(a, n, unit), inferred)
        case .duration(let n, let unit):
            let code: [LanguageRules.DateUnit: String] = [.day: "D", .week: "W", .month: "M", .year: "Y"]
            return (unit == .hour ? "PT\(n)H" : "P\(n)\(code[unit]!)", false)
        }
    }

    private func offset(_ a: CivilDate, _ n: Int, _ unit: LanguageRules.DateUnit) -> String {
        switch unit {
        case .hour: return a.adding(days: n / 24).iso
        case .day: return a.adding(days: n).iso
        case .week: return a.adding(days: 7 * n).iso
        case .month:
            let total = a.year * 12 + (a.month - 1) + n
            return "\(CivilDate.pad(total / 12, 4))-\(CivilDate.pad(total % 12 + 1, 2))"
        case .year: return CivilDate.pad(a.year + n, 4)
        }
    }

    func kind(of value: DateExpression.Value) -> DateMention.Kind {
        switch value {
        case .day: return .absolute
        case .month, .year: return .period
        case .weekday, .offset: return .relative
        case .duration: return .duration
        }
    }
}
