import CZlib
import ParallaxModel

/// Inflates gzip (or zlib) data, refusing to produce more than `limit` bytes: the cap counts decompressed
/// bytes, so a small bomb cannot exhaust memory.
enum Gzip {
    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    static func inflate(_ input: [UInt8], limit: Int, source: String) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: accept gzip and zlib headers alike.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParallaxError(.badGzip, "could not start gzip decompression", source: source)
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return outBuf.count - Int(stream.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END && !(status == Z_BUF_ERROR && produced > 0) {
                    throw ParallaxError(.badGzip, "corrupt gzip data (zlib status \(status))", source: source)
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit {
                    throw ParallaxError(
                        .tooLarge, "decompresses to more than \(limit) bytes (the limit)", source: source)
                }
                if produced == 0 && stream.avail_in == 0 && status != Z_STREAM_END {
                    throw ParallaxError(.badGzip, "truncated gzip data", source: source)
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
