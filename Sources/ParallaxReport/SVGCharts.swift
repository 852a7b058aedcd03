import Foundation

/// The dossier's charts as inline SVG, drawn by hand (no library, no script).
///
/// Colours come from the page's stylesheet through classes, so the charts follow light and dark mode. Every label
/// is escaped (it is article text); long labels are shortened with the full text in a `<title>` tooltip.
/// The markup is well-formed XML: only the five XML entities are used.
enum SVGCharts {
    /// One claim of the claims × outlets matrix.
    struct MatrixRow {
        var label: String
        var href: String
        /// One per column.
        var cells: [Carriage]
    }

    /// One value of a figure comparison.
    struct Bar {
        var label: String
        var detail: String?
        var value: Double
        var valueText: String
        var href: String?
    }

    /// Claims down, outlets across; each cell coloured (and marked, for print and colour blindness) by how the
    /// outlet carries the claim, with a legend.
    static func matrix(_ rows: [MatrixRow], columns: [String]) -> String {
        let cell = 30.0, headerLabel = 160.0
        let labelWidth = min(440, max(160, (rows.map { SVG.width($0.label, size: 12) }.max() ?? 0) + 20))
        let header = min(headerLabel, columns.map { SVG.width($0, size: 12) }.max() ?? 0) * 0.75 + 24
        let legendTop = header + Double(rows.count) * cell + 20
        let width = max(labelWidth + Double(columns.count) * cell + headerLabel * 0.71 + 10, 620)
        var svg = SVG(width: width, height: legendTop + 30)
        for (j, column) in columns.enumerated() {
            let x = labelWidth + (Double(j) + 0.6) * cell, y = header - 6
            svg.rotatedText(SVG.truncate(column, to: headerLabel, size: 12), full: column, x: x, y: y)
        }
        for (i, row) in rows.enumerated() {
            let y = header + Double(i) * cell
            if i % 2 == 0 {
                svg.rect(x: 0, y: y, width: labelWidth + Double(columns.count) * cell, height: cell, cls: "stripe",
                         title: nil, radius: 0)
            }
            svg.link(row.href) { s in
                s.text(SVG.truncate(row.label, to: labelWidth - 14, size: 12), x: 6, y: y + cell * 0.64,
                       cls: "row-label", title: row.label)
            }
            for (j, state) in row.cells.enumerated() {
                cellMark(&svg, state, x: labelWidth + Double(j) * cell, y: y, size: cell,
                         title: "\(columns[j]): \(state.label) — \(row.label)")
            }
        }
        legend(&svg, y: legendTop)
        return svg.render(label: "Claims by outlet: which outlet carries, hedges, disputes or omits each claim")
    }

    private static func cellMark(_ svg: inout SVG, _ state: Carriage, x: Double, y: Double, size: Double,
                                 title: String?) {
        svg.rect(x: x + 2, y: y + 2, width: size - 4, height: size - 4, cls: "cell \(state.rawValue)", title: title)
        svg.text(state.mark, x: x + size / 2, y: y + size / 2 + 5, cls: "cell-mark \(state.rawValue)",
                 anchor: "middle", title: nil)
    }

    private static func legend(_ svg: inout SVG, y: Double) {
        var x = 0.0
        for state in Carriage.allCases {
            cellMark(&svg, state, x: x, y: y - 4, size: 24, title: nil)
            svg.text(state.label, x: x + 28, y: y + 12, cls: "legend", title: nil)
            x += 48 + SVG.width(state.label, size: 12)
        }
    }

    /// One horizontal bar per value, from zero, labelled with who gives it and the figure as written; when the
    /// values diverge, a dashed line at the smallest shows how far the others go beyond it.
    static func bars(_ bars: [Bar], divergent: Bool) -> String {
        let labelWidth = 240.0, barWidth = 400.0, row = 36.0, textWidth = 260.0
        let top = bars.map(\.value).max() ?? 0
        let scale = { (v: Double) in top > 0 ? max(2, v / top * barWidth) : 2 }
        var svg = SVG(width: labelWidth + barWidth + textWidth, height: Double(bars.count) * row + 10)
        for (i, bar) in bars.enumerated() {
            let y = Double(i) * row + 6
            svg.link(bar.href) { s in
                s.text(SVG.truncate(bar.label, to: labelWidth - 12, size: 12), x: 0, y: y + 11, cls: "row-label",
                       title: bar.label)
            }
            if let detail = bar.detail {
                svg.text(SVG.truncate(detail, to: labelWidth - 12, size: 11), x: 0, y: y + 26, cls: "muted",
                         title: detail)
            }
            svg.rect(x: labelWidth, y: y + 2, width: scale(bar.value), height: 20, cls: "bar",
                     title: "\(bar.label): \(bar.valueText)")
            svg.text(SVG.truncate(bar.valueText, to: textWidth - 12, size: 12), x: labelWidth + scale(bar.value) + 8,
                     y: y + 17, cls: "value", title: bar.valueText)
        }
        if divergent, let low = bars.map(\.value).min() {
            let x = labelWidth + scale(low)
            svg.line(x1: x, y1: 2, x2: x, y2: svg.height - 2, cls: "low-mark")
        }
        return svg.render(label: "Figures compared")
    }
}

/// A minimal SVG writer: shapes and text with escaped content, and rough text metrics for layout.
struct SVG {
    var width: Double
    var height: Double
    private(set) var body: [String] = []
    var defs: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func append(_ element: String) { body.append(element) }

    mutating func text(_ s: String, x: Double, y: Double, cls: String, anchor: String = "start", title: String?) {
        let tip = title.flatMap { $0 == s ? nil : "<title>\(Escape.html($0))</title>" } ?? ""
        body.append("<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" class=\"\(cls)\" text-anchor=\"\(anchor)\">"
            + "\(tip)\(Escape.html(s))</text>")
    }

    /// A column header, rotated to climb up and to the right from its column.
    mutating func rotatedText(_ s: String, full: String, x: Double, y: Double) {
        let tip = s == full ? "" : "<title>\(Escape.html(full))</title>"
        body.append("<text class=\"col-label\" transform=\"translate(\(Self.f(x)),\(Self.f(y))) rotate(-45)\">"
            + "\(tip)\(Escape.html(s))</text>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, cls: String, title: String?,
                       radius: Double = 3) {
        let tip = title.map { "<title>\(Escape.html($0))</title>" } ?? ""
        body.append("<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(width))\" "
            + "height=\"\(Self.f(height))\" rx=\"\(Self.f(radius))\" class=\"\(cls)\">\(tip)</rect>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cls: String) {
        body.append("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" "
            + "class=\"\(cls)\"/>")
    }

    mutating func circle(x: Double, y: Double, r: Double, cls: String) {
        body.append("<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(r))\" class=\"\(cls)\"/>")
    }

    /// Wraps what `draw` adds in an in-page link (hrefs are our own `#fragment`s); no link when `href` is nil.
    mutating func link(_ href: String?, _ draw: (inout SVG) -> Void) {
        if let href { body.append("<a href=\"#\(Escape.html(href))\">") }
        draw(&self)
        if href != nil { body.append("</a>") }
    }

    func render(label: String) -> String {
        let defs = self.defs.isEmpty ? "" : "<defs>\(self.defs.joined())</defs>"
        return "<svg class=\"chart\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" width=\"\(Self.f(width))\" "
            + "height=\"\(Self.f(height))\" role=\"img\" aria-label=\"\(Escape.html(label))\">"
            + defs + body.joined(separator: "\n") + "</svg>"
    }

    static func f(_ d: Double) -> String { String(format: "%.1f", d) }

    /// Rough rendered width for layout: wide scripts take a full em, the rest a little over half.
    static func width(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0) { sum, c in
            sum + size * (c.value >= 0x1100 && c.properties.isIdeographic || c.value >= 0xAC00 && c.value < 0xD7B0
                ? 1.0 : c.value < 0x80 && "il.,:;'|!".unicodeScalars.contains(c) ? 0.3 : 0.58)
        }
    }

    static func truncate(_ s: String, to maxWidth: Double, size: Double) -> String {
        guard width(s, size: size) > maxWidth else { return s }
        var out = ""
        for c in s {
            guard width(out + String(c) + "…", size: size) <= maxWidth else { break }
            out.append(c)
        }
        return out.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Breaks text into lines no wider than `maxWidth`, at spaces (a word longer than a line is cut).
    static func wrap(_ s: String, to maxWidth: Double, size: Double) -> [String] {
        var lines: [String] = [], line = ""
        for word in s.split(whereSeparator: \.isWhitespace).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(candidate, size: size) <= maxWidth || line.isEmpty {
                line = width(candidate, size: size) <= maxWidth ? candidate : truncate(candidate, to: maxWidth, size: size)
            } else {
                lines.append(line)
                line = truncate(word, to: maxWidth, size: size)
            }
        }
        return line.isEmpty ? lines : lines + [line]
    }
}
