import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// One case of `Fixtures/understanding/<lang>.json`: a short text and the claims, figures and dates that must be
/// found in it (format: docs/language-data.md). Only the keys a case gives are checked.
struct UnderstandingCase: Decodable, Sendable, CustomTestStringConvertible {
    struct ExpectedClaim: Decodable, Sendable {
        var speaker: String?
        var verb: String?
        var stance: String?
        var quote: String?
        var via: [String]?
        var channel: String?
        var hedges: [String]?
        var negated: Bool?
        var refutes: Bool?
        /// Keys present in the JSON, so that `"speaker": null` (the outlet) differs from "not checked".
        var keys: Set<String> = []

        enum CodingKeys: String, CodingKey { case speaker, verb, stance, quote, via, channel, hedges, negated, refutes }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            keys = Set(c.allKeys.map(\.stringValue))
            speaker = try c.decodeIfPresent(String.self, forKey: .speaker)
            verb = try c.decodeIfPresent(String.self, forKey: .verb)
            stance = try c.decodeIfPresent(String.self, forKey: .stance)
            quote = try c.decodeIfPresent(String.self, forKey: .quote)
            via = try c.decodeIfPresent([String].self, forKey: .via)
            channel = try c.decodeIfPresent(String.self, forKey: .channel)
            hedges = try c.decodeIfPresent([String].self, forKey: .hedges)
            negated = try c.decodeIfPresent(Bool.self, forKey: .negated)
            refutes = try c.decodeIfPresent(Bool.self, forKey: .refutes)
        }
    }
    struct ExpectedFigure: Decodable, Sendable {
        var value: Double
        var qualifier: String?
        var unit: String?
        var counted: String?
    }
    struct ExpectedDate: Decodable, Sendable {
        var text: String
        var date: String
    }

    var id: String
    var language = ""
    var text: String
    var published: String?
    var claims: [ExpectedClaim]?
    var figures: [ExpectedFigure]?
    var dates: [ExpectedDate]?

    enum CodingKeys: String, CodingKey { case id, text, published, claims, figures, dates }

    var testDescription: String { id }

    static func all() -> [UnderstandingCase] {
        let dir = Support.fixtures.appendingPathComponent("understanding")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }
        struct File: Decodable { var language: String; var cases: [UnderstandingCase] }
        return files.sorted().flatMap { name -> [UnderstandingCase] in
            guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
                  let file = try? JSONDecoder().decode(File.self, from: data) else {
                Issue.record("cannot read fixture \(name)")
                return []
            }
            return file.cases.map { var c = $0; c.language = file.language; return c }
        }
    }

    /// What is wrong with the analysis of this case, one line per problem; empty when it passes.
    func problems(in article: Article) -> [String] {
        var out: [String] = []
        for (k, expected) in (claims ?? []).enumerated() {
            out += claimProblems(expected, k, article.claims)
        }
        if let figures, figures.isEmpty, !article.figures.isEmpty { out.append("figures: expected none, got \(article.figures.map(\.text))") }
        for f in figures ?? [] {
            let found = article.figures.filter { abs($0.value - f.value) <= 1e-6 * max(1, abs(f.value)) }
            guard let g = found.first else {
                out.append("figure \(f.value): not found in \(article.figures.map { "\($0.text)=\($0.value)" })")
                continue
            }
            if g.qualifier != f.qualifier { out.append("figure \(f.value): qualifier \(g.qualifier ?? "nil") ≠ \(f.qualifier ?? "nil")") }
            if g.unit != f.unit { out.append("figure \(f.value): unit \(g.unit ?? "nil") ≠ \(f.unit ?? "nil")") }
            if let c = f.counted, !(g.counted ?? "").lowercased().contains(c.lowercased()) {
                out.append("figure \(f.value): counted \"\(g.counted ?? "nil")\" lacks \"\(c)\"")
            }
        }
        if let dates, dates.isEmpty, !article.dates.isEmpty { out.append("dates: expected none, got \(article.dates.map(\.text))") }
        for d in dates ?? [] {
            let found = article.dates.filter { $0.text.lowercased().contains(d.text.lowercased()) }
            if !found.contains(where: { $0.date == d.date }) {
                out.append("date \"\(d.text)\" → \(d.date): got \(article.dates.map { "\($0.text)=\($0.date ?? "nil")" })")
            }
        }
        return out
    }

    private func claimProblems(_ e: ExpectedClaim, _ k: Int, _ claims: [Claim]) -> [String] {
        func has(_ a: String?, _ b: String) -> Bool { (a ?? "").lowercased().contains(b.lowercased()) }
        let candidates = claims.filter { c in
            if let q = e.quote { return has(c.quote, q) }
            if let v = e.verb { return has(c.verb?.text, v) }
            return true
        }
        guard !candidates.isEmpty else {
            return ["claim \(k) (\(e.quote ?? e.verb ?? "?")): not found among \(claims.map { "[\($0.verb?.text ?? "-") \($0.quote ?? "")]" })"]
        }
        var best: [String]?
        for c in candidates {
            var p: [String] = []
            if e.keys.contains("speaker") {
                if let sp = e.speaker { if !has(c.speaker?.text, sp) { p.append("speaker \"\(c.speaker?.text ?? "nil")\" ≠ \"\(sp)\"") } }
                else if c.speaker != nil { p.append("speaker \"\(c.speaker!.text)\" ≠ nil") }
            }
            if let v = e.verb, !has(c.verb?.text, v) { p.append("verb \"\(c.verb?.text ?? "nil")\" ≠ \"\(v)\"") }
            if let st = e.stance, c.stance.rawValue != st { p.append("stance \(c.stance.rawValue) ≠ \(st)") }
            if let via = e.via {
                let got = c.via.map(\.text)
                if got.count != via.count || !zip(got, via).allSatisfy({ has($0, $1) }) { p.append("via \(got) ≠ \(via)") }
            }
            if e.keys.contains("channel"), c.channel != e.channel { p.append("channel \(c.channel ?? "nil") ≠ \(e.channel ?? "nil")") }
            if let h = e.hedges, !h.allSatisfy({ x in c.hedges.contains { $0.contains(x.lowercased()) } }) || (h.isEmpty && !c.hedges.isEmpty) {
                p.append("hedges \(c.hedges) ≠ \(h)")
            }
            if let n = e.negated, c.negated != n { p.append("negated \(c.negated) ≠ \(n)") }
            if let r = e.refutes, c.refutes != r { p.append("refutes \(c.refutes) ≠ \(r)") }
            if p.isEmpty { return [] }
            if best == nil || p.count < best!.count { best = p }
        }
        return best!.map { "claim \(k) (\(e.quote ?? e.verb ?? "?")): \($0)" }
    }
}
