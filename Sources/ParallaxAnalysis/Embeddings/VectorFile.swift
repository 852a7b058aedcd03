import CZlib
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Vectors kept between runs in an append-only file: a 16-byte header ("PXEV", version, dimension), then records
/// of an 8-byte key, the floats and a CRC-32 of both. Records are appended as they are made, so a killed run
/// keeps what it embedded; a damaged or half-written tail is found by its checksum, cut off, and said once.
public struct VectorFile: Sendable {
    public let url: URL
    public let dimension: Int
    /// Past this size the file starts afresh rather than grow without bound: 256 MB, about 170,000 vectors.
    public var maxBytes = 256 << 20

    static let magic: [UInt8] = Array("PXEV".utf8)
    static let version: UInt32 = 1
    static let headerBytes = 16

    public init(url: URL, dimension: Int) {
        self.url = url
        self.dimension = dimension
    }

    var recordBytes: Int { 8 + 4 * dimension + 4 }

    /// Where Parallax keeps what it can recompute: `$PARALLAX_CACHE`, else `$XDG_CACHE_HOME/parallax`, else
    /// `~/.cache/parallax` — never beside the program, which may be installed read-only.
    public static func cacheDirectory() -> URL? {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["PARALLAX_CACHE"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let dir = env["XDG_CACHE_HOME"], dir.hasPrefix("/") {
            return URL(fileURLWithPath: dir).appendingPathComponent("parallax")
        }
        if let home = env["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/parallax")
        }
        return nil
    }

    /// The records of the file, and a warning when some could not be kept. A file with a damaged tail is cut to
    /// its last good record; a file of another format, another dimension or over the size cap starts afresh.
    public func load() -> (vectors: [UInt64: [Float]], warning: String?) {
        locked { fd -> (vectors: [UInt64: [Float]], warning: String?) in
            guard let data = try? FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd(), !data.isEmpty else {
                return ([:], nil)
            }
            guard data.count >= Self.headerBytes, Array(data.prefix(4)) == Self.magic,
                  data.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }) == Self.version,
                  data.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }) == UInt32(dimension) else {
                ftruncate(fd, 0)
                return ([:], "the embedding cache \(url.path) is not in the expected format: started afresh")
            }
            if data.count > maxBytes {
                ftruncate(fd, 0)
                return ([:], nil)
            }
            var vectors: [UInt64: [Float]] = [:]
            var good = Self.headerBytes
            data.withUnsafeBytes { raw in
                var offset = Self.headerBytes
                while offset + recordBytes <= raw.count {
                    let body = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + recordBytes - 4)])
                    let stored = raw.loadUnaligned(fromByteOffset: offset + recordBytes - 4, as: UInt32.self)
                    guard Self.checksum(body) == stored else { break }
                    let key = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    vectors[key] = (0..<dimension).map { raw.loadUnaligned(fromByteOffset: offset + 8 + 4 * $0, as: Float.self) }
                    offset += recordBytes
                    good = offset
                }
            }
            guard good < data.count else { return (vectors, nil) }
            ftruncate(fd, off_t(good))
            return (vectors, "the embedding cache \(url.path) was damaged after \(vectors.count) vectors: the damaged "
                + "\(data.count - good) bytes were dropped")
        } ?? ([:], nil)
    }

    /// Appends records, the file locked so that runs sharing it neither interleave nor cut each other's records.
    public func append(_ records: [(UInt64, [Float])]) {
        let records = records.filter { $0.1.count == dimension }
        guard !records.isEmpty else { return }
        var data = Data(capacity: records.count * recordBytes)
        for (key, vector) in records {
            var record = Data(capacity: recordBytes)
            withUnsafeBytes(of: key) { record.append(contentsOf: $0) }
            vector.withUnsafeBytes { record.append(contentsOf: $0) }
            let sum = record.withUnsafeBytes { Self.checksum($0) }
            data.append(record)
            withUnsafeBytes(of: sum) { data.append(contentsOf: $0) }
        }
        locked { fd in
            var info = stat()
            guard fstat(fd, &info) == 0, lseek(fd, 0, SEEK_END) >= 0 else { return }
            if info.st_size == 0 { write(fd, header) }
            write(fd, data)
        }
    }

    /// Runs `body` with the file open for reading and writing and locked against other runs; nil when it cannot be
    /// opened (no cache is then kept, and nothing fails).
    private func locked<T>(_ body: (Int32) -> T) -> T? {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { return nil }
        defer { flock(fd, LOCK_UN) }
        return body(fd)
    }

    var header: Data {
        var data = Data(Self.magic)
        withUnsafeBytes(of: Self.version) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(dimension)) { data.append(contentsOf: $0) }
        data.append(contentsOf: [0, 0, 0, 0])
        return data
    }

    private func write(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                done += n
            }
        }
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(truncatingIfNeeded: crc32(0, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(bytes.count)))
    }
}
