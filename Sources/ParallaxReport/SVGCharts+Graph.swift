import Foundation

extension SVGCharts {
    /// One dated event of the timeline.
    struct Event {
        var date: String
        var text: String
        var outlets: String
        var href: String?
    }

    /// An article in the provenance graph.
    struct Node {
        var id: String
        var title: String
        var detail: String
        var href: String?
    }

    /// A reuse between two articles: `to` reuses `from`.
    struct Edge {
        var from: String
        var to: String
        var label: String
        var directed: Bool
        var cls: String
        var evidence: String
    }

    /// Dated events down a vertical axis in date order (evenly spaced: order matters more than distance), each
    /// with its wrapped sentence and the outlets that report it.
    static func timeline(_ events: [Event]) -> String {
        let axis = 104.0, textX = 122.0, textWidth = 700.0, line = 17.0
        let sorted = events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
        let wrapped = sorted.map { SVG.wrap($0.element.text, to: textWidth, size: 13) }
        let height = wrapped.reduce(12) { $0 + Double($1.count + 1) * line + 14 }
        var svg = SVG(width: textX + textWidth + 10, height: height)
        svg.line(x1: axis, y1: 6, x2: axis, y2: height - 6, cls: "axis")
        var y = 12.0, previous: String?
        for ((_, event), lines) in zip(sorted, wrapped) {
            if event.date != previous {
                svg.text(event.date, x: axis - 14, y: y + 12, cls: "date", anchor: "end", title: nil)
            }
            previous = event.date
            svg.circle(x: axis, y: y + 8, r: 5, cls: "dot")
            svg.link(event.href) { s in
                for (k, text) in lines.enumerated() {
                    s.text(text, x: textX, y: y + 12 + Double(k) * line, cls: "event", title: nil)
                }
            }
            svg.text(SVG.truncate(event.outlets, to: textWidth, size: 11), x: textX,
                     y: y + 12 + Double(lines.count) * line, cls: "muted", title: event.outlets)
            y += Double(lines.count + 1) * line + 14
        }
        return svg.render(label: "Timeline of dated events")
    }

    /// Articles as boxes in columns by generation (an article stands right of what it reuses), reuse as labelled
    /// curves, with arrows when the evidence says who came first.
    static func graph(_ nodes: [Node], _ edges: [Edge], id: String) -> String {
        let layout = GraphLayout(nodes: nodes, edges: edges)
        var svg = SVG(width: layout.width, height: layout.height)
        svg.defs.append("<marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
            + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/>"
            + "</marker>")
        var labels = SVG(width: 0, height: 0)
        for edge in edges {
            guard let a = layout.position[edge.from], let b = layout.position[edge.to] else { continue }
            let curve = layout.curve(from: a, to: b)
            let marker = edge.directed ? " marker-end=\"url(#\(id)-arrow)\"" : ""
            svg.append("<path d=\"\(curve.path)\" class=\"edge \(edge.cls)\"\(marker)>"
                + "<title>\(Escape.html(edge.evidence))</title></path>")
            let w = SVG.width(edge.label, size: 11) + 10
            // Kept inside the drawing: a loop's midpoint lies near the left edge.
            let x = min(max(curve.mid.x, w / 2 + 2), layout.width - w / 2 - 2)
            labels.rect(x: x - w / 2, y: curve.mid.y - 9, width: w, height: 17, cls: "edge-label-bg",
                        title: edge.evidence)
            labels.text(edge.label, x: x, y: curve.mid.y + 4, cls: "edge-label", anchor: "middle",
                        title: nil)
        }
        for node in nodes {
            guard let p = layout.position[node.id] else { continue }
            svg.link(node.href) { s in
                s.rect(x: p.x, y: p.y, width: GraphLayout.nodeWidth, height: GraphLayout.nodeHeight, cls: "node",
                       title: node.title, radius: 6)
                s.text(SVG.truncate(node.title, to: GraphLayout.nodeWidth - 16, size: 13), x: p.x + 8, y: p.y + 19,
                       cls: "node-title", title: node.title)
                s.text(SVG.truncate(node.detail, to: GraphLayout.nodeWidth - 16, size: 11), x: p.x + 8,
                       y: p.y + 36, cls: "muted", title: node.detail)
            }
        }
        labels.body.forEach { svg.append($0) }
        return svg.render(label: "Provenance: who copied, rewrote, spun or translated whom")
    }
}

/// Where the provenance graph's boxes go: column = longest chain of directed reuse leading to the article.
struct GraphLayout {
    static let nodeWidth = 200.0, nodeHeight = 46.0, columnGap = 150.0, rowGap = 26.0, margin = 10.0
    /// Room left of the first column for the loops between boxes of one column.
    static let loopRoom = 80.0

    struct Point { var x: Double, y: Double }
    struct Curve { var path: String, mid: Point }

    var position: [String: Point] = [:]
    var width: Double
    var height: Double

    init(nodes: [SVGCharts.Node], edges: [SVGCharts.Edge]) {
        let rank = Self.ranks(nodes.map(\.id), edges.filter(\.directed))
        var rows: [Int: Int] = [:]
        for node in nodes {
            let column = rank[node.id] ?? 0, row = rows[column, default: 0]
            rows[column] = row + 1
            position[node.id] = Point(x: Self.loopRoom + Double(column) * (Self.nodeWidth + Self.columnGap),
                                      y: Self.margin + Double(row) * (Self.nodeHeight + Self.rowGap))
        }
        let columns = Double((rank.values.max() ?? 0) + 1), tallest = Double(rows.values.max() ?? 1)
        width = Self.loopRoom + Self.margin + columns * Self.nodeWidth + (columns - 1) * Self.columnGap
        height = 2 * Self.margin + tallest * Self.nodeHeight + (tallest - 1) * Self.rowGap
    }

    /// Longest directed path into each node; relaxation stops after `n` rounds so a cycle cannot loop forever.
    static func ranks(_ ids: [String], _ edges: [SVGCharts.Edge]) -> [String: Int] {
        var rank = Dictionary(ids.map { ($0, 0) }, uniquingKeysWith: { a, _ in a })
        for _ in 0..<ids.count {
            var changed = false
            for e in edges where rank[e.from] != nil && rank[e.to] != nil && rank[e.to]! <= rank[e.from]! {
                rank[e.to] = rank[e.from]! + 1
                changed = true
            }
            if !changed { break }
        }
        return rank
    }

    /// A cubic curve between two boxes: side to side across columns, a loop on the left within one (the right side
    /// is where the arrows to the next column leave).
    func curve(from a: Point, to b: Point) -> Curve {
        let w = Self.nodeWidth, h = Self.nodeHeight / 2
        let (start, end, c1, c2): (Point, Point, Point, Point)
        if a.x == b.x {
            start = Point(x: a.x, y: a.y + h)
            end = Point(x: b.x, y: b.y + h)
            let bulge = min(Self.loopRoom - 4, 50 + abs(b.y - a.y) * 0.15) * 4 / 3
            (c1, c2) = (Point(x: start.x - bulge, y: start.y), Point(x: end.x - bulge, y: end.y))
        } else {
            let forward = a.x < b.x
            start = Point(x: forward ? a.x + w : a.x, y: a.y + h)
            end = Point(x: forward ? b.x : b.x + w, y: b.y + h)
            let dx = (end.x - start.x) / 2
            (c1, c2) = (Point(x: start.x + dx, y: start.y), Point(x: end.x - dx, y: end.y))
        }
        // The point at t = 0.5 of a cubic Bézier.
        let mid = Point(x: (start.x + 3 * c1.x + 3 * c2.x + end.x) / 8, y: (start.y + 3 * c1.y + 3 * c2.y + end.y) / 8)
        let f = SVG.f
        let path = "M\(f(start.x)),\(f(start.y)) C\(f(c1.x)),\(f(c1.y)) \(f(c2.x)),\(f(c2.y)) \(f(end.x)),\(f(end.y))"
        return Curve(path: path, mid: mid)
    }
}
