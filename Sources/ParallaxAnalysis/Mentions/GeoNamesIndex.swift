import Foundation

/// GeoNames places and their names in every script, searched in place: `places.tsv` (one place per line) and
/// `places.keys.tsv` (every lookup key with the line of its best place, sorted by UTF-8 bytes), both written at
/// set-up by tools/build-gazetteer.py. Binary search over the sorted keys costs nothing to load, where a hash
/// table of 330,000 names took seconds at every start.
struct GeoNamesIndex: Sendable {
    private let keys: [UInt8]
    private let keyLines: [Int32]
    private let places: [UInt8]
    private let placeLines: [Int32]

    init?(directory: URL) {
        guard let places = try? Data(contentsOf: directory.appendingPathComponent("places.tsv")),
              let keys = try? Data(contentsOf: directory.appendingPathComponent("places.keys.tsv")),
              !places.isEmpty, !keys.isEmpty else { return nil }
        self.keys = [UInt8](keys)
        self.places = [UInt8](places)
        keyLines = GeoNamesIndex.lineStarts(self.keys)
        placeLines = GeoNamesIndex.lineStarts(self.places)
    }

    private static func lineStarts(_ bytes: [UInt8]) -> [Int32] {
        var starts: [Int32] = [0]
        starts.reserveCapacity(bytes.count / 16)
        for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 < bytes.count { starts.append(Int32(i + 1)) }
        return starts
    }

    /// The key of line `k` of the keys file (the bytes before its tab).
    private func key(at k: Int) -> ArraySlice<UInt8> {
        let start = Int(keyLines[k])
        var end = start
        while end < keys.count, keys[end] != 0x09 { end += 1 }
        return keys[start..<end]
    }

    /// The first key line not less than `target`.
    private func lowerBound(_ target: [UInt8]) -> Int {
        var lo = 0
        var hi = keyLines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(at: mid).lexicographicallyPrecedes(target) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func place(forKey key: String) -> Gazetteer.Place? {
        let target = Array(key.utf8)
        let k = lowerBound(target)
        guard k < keyLines.count, self.key(at: k).elementsEqual(target) else { return nil }
        var i = Int(keyLines[k]) + target.count + 1
        var line = 0
        while i < keys.count, keys[i] >= 0x30, keys[i] <= 0x39 { line = line * 10 + Int(keys[i] - 0x30); i += 1 }
        return place(line: line)
    }

    /// Whether some name's first word is `word`.
    func startsAName(_ word: String) -> Bool {
        let target = Array(word.utf8)
        let k = lowerBound(target)
        guard k < keyLines.count else { return false }
        let found = key(at: k)
        return found.elementsEqual(target) || (found.starts(with: target) && found.dropFirst(target.count).first == 0x20)
    }

    private func place(line: Int) -> Gazetteer.Place? {
        guard line < placeLines.count else { return nil }
        let start = Int(placeLines[line])
        var end = start
        while end < places.count, places[end] != 0x0A { end += 1 }
        let fields = places[start..<end].split(separator: 0x09, omittingEmptySubsequences: false)
        guard fields.count >= 5 else { return nil }
        let isCountry = fields[1].elementsEqual("country".utf8)
        let population = Int(String(decoding: fields[3], as: UTF8.self)) ?? 0
        return Gazetteer.Place(id: String(decoding: fields[0], as: UTF8.self), kind: .place,
                               name: String(decoding: fields[4], as: UTF8.self),
                               rank: isCountry ? Gazetteer.countryRank : population)
    }
}
