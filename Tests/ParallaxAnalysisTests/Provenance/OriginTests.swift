import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Independent origins: reports joined by any provenance edge count once.
@Suite struct OriginTests {
    @Test("reports joined by an edge form one origin; the others stand alone")
    func grouping() {
        let edges = [ProvenanceEdge(from: "a", to: "b", relation: .copy, directed: true, evidence: ""),
                     ProvenanceEdge(from: "c", to: "x", relation: .copy, directed: true, evidence: "x is not a member")]
        let origins = ProvenanceDetector.origins(sources: ["a", "b", "c"], edges: edges)
        #expect(Set(origins.map(Set.init)) == [["a", "b"], ["c"]])
    }

    @Test("two members that share a source (a reused file name, an upload sent twice with other metadata) do not trap")
    func sharedSource() {
        let origins = ProvenanceDetector.origins(sources: ["a", "a", "b"], edges: [])
        #expect(Set(origins.flatMap { $0 }) == ["a", "b"])
    }
}
