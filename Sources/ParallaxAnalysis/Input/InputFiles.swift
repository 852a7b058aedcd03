import Foundation
import ParallaxModel

#if canImport(Glibc)
import Glibc
#endif

/// Files on disk as the operating system names them: byte strings, which need not be UTF-8.
///
/// A path travels through Parallax as a `String`. A name that is not UTF-8 is written with each byte that is
/// not part of a valid UTF-8 character as `\xHH` ("caf\xE9.txt"): readable in messages, safe on a terminal, and
/// turned back into the same bytes when the file is opened.
public enum InputFiles {
    /// The printable form of a name given as bytes: bytes outside valid UTF-8, control characters and a
    /// backslash are written `\xHH` whenever the name needs any escape at all.
    public static func name(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self), !valid.contains("\\x"),
           !valid.unicodeScalars.contains(where: ControlCharacters.isControl) { return valid }
        var out = ""
        var i = 0
        while i < bytes.count {
            let width = validSequence(bytes, at: i)
            let character = width > 0 ? String(decoding: bytes[i..<(i + width)], as: UTF8.self) : ""
            if width > 0, bytes[i] != UInt8(ascii: "\\"), !character.unicodeScalars.contains(where: ControlCharacters.isControl) {
                out += character
                i += width
            } else {
                for byte in bytes[i..<(i + max(1, width))] { out += String(format: "\\x%02X", byte) }
                i += max(1, width)
            }
        }
        return out
    }

    /// The bytes a printable name stands for.
    public static func bytes(_ name: String) -> [UInt8] {
        guard name.contains("\\x") else { return Array(name.utf8) }
        var out: [UInt8] = []
        let utf8 = Array(name.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"),
               let byte = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                out.append(byte)
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }

    /// The path as the system takes it (NUL-terminated bytes): the escapes read back, unless a file of that
    /// very name exists (someone may name a file `a\x41.txt` on the command line).
    public static func systemPath(_ path: String) -> [CChar] {
        let literal = path.utf8CString
        guard path.contains("\\x"), access(literal.map { $0 }, F_OK) != 0 else { return Array(literal) }
        return (bytes(path) + [0]).map { CChar(bitPattern: $0) }
    }

    /// The length of the valid UTF-8 character at `i`, or 0.
    static func validSequence(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        let width: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: width = 2
        case 0xE0...0xEF: width = 3
        case 0xF0...0xF4: width = 4
        default: return 0
        }
        guard i + width <= b.count else { return 0 }
        return String(validating: b[i..<(i + width)], as: UTF8.self) == nil ? 0 : width
    }

    /// What is at a path.
    public enum Kind: Equatable { case file, directory, other(String), missing(String) }

    /// The kind of thing at `path`, following symbolic links, in words for what is not a file or folder.
    public static func kind(_ path: String) -> Kind {
        var info = stat()
        let cpath = systemPath(path)
        if stat(cpath, &info) != 0 {
            let error = errno
            var link = stat()
            if error == ENOENT, lstat(cpath, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                return .missing("is a symbolic link to nothing (its target does not exist)")
            }
            return .missing(error == ENOENT ? "no such file or folder" : reason(error))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFIFO: return .other("is a named pipe (FIFO), not a file")
        case S_IFCHR, S_IFBLK: return .other("is a device, not a file")
        case S_IFSOCK: return .other("is a socket, not a file")
        default: return .other("is not a regular file")
        }
    }

    /// The entries of a folder, names as bytes; hidden ones (".name") left out.
    static func entries(_ directory: String) throws -> [[UInt8]] {
        guard let dir = opendir(systemPath(directory)) else {
            throw ParallaxError(.unreadable, "cannot list the folder: \(reason(errno))", source: directory)
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        return names
    }

    /// Folders one walk enters at most.
    static let maxFolders = 100_000

    /// Files under a folder, recursively, as printable paths, in byte order of their names. Folders reached
    /// through symbolic links are not entered (no loops); links to files are listed, dangling ones too, so that
    /// what is wrong with them is said.
    public static func walk(_ directory: String, include: (String) -> Bool) -> (files: [String], failures: [ParallaxError]) {
        var files: [String] = []
        var failures: [ParallaxError] = []
        var pending = [directory]
        var visited = 0
        while let folder = pending.popLast() {
            visited += 1
            if visited > maxFolders {
                failures.append(ParallaxError(.tooLarge, "holds over \(maxFolders) folders: the rest were not read",
                                              source: directory))
                break
            }
            let names: [[UInt8]]
            do { names = try entries(folder) } catch let error as ParallaxError {
                failures.append(error)
                continue
            } catch { continue }
            for raw in names {
                let path = (folder.hasSuffix("/") ? folder : folder + "/") + name(raw)
                var link = stat()
                let cpath = systemPath(path)
                guard lstat(cpath, &link) == 0 else { continue }
                if link.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else if include(path) {
                    files.append(path)
                }
            }
        }
        return (files.sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) }, failures)
    }

    /// The bytes of a regular file, at most `limit` of them. Errors say what the path is when it is not a file
    /// (a FIFO is never opened for reading, so a run cannot block on one).
    public static func read(_ path: String, limit: Int) throws -> [UInt8] {
        switch kind(path) {
        case .file: break
        case .directory: throw ParallaxError(.unreadable, "is a folder", source: path)
        case .other(let what), .missing(let what): throw ParallaxError(.unreadable, what, source: path)
        }
        let fd = open(systemPath(path), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ParallaxError(.unreadable, "cannot be opened: \(reason(errno))", source: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ParallaxError(.unreadable, "is not a regular file", source: path)
        }
        if Int(info.st_size) > limit {
            throw ParallaxError(.tooLarge, "is \(info.st_size) bytes, over the \(limit)-byte limit", source: path)
        }
        var out = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == out.count {
                // The file grew while it was read: take what fits the limit, and say so when it does not.
                if out.count >= limit + 1 { break }
                out.append(contentsOf: [UInt8](repeating: 0, count: min(65_536, limit + 1 - out.count)))
            }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ParallaxError(.unreadable, "cannot be read: \(reason(errno))", source: path)
            }
            if n == 0 { break }
            filled += n
        }
        if filled > limit {
            throw ParallaxError(.tooLarge, "is over the \(limit)-byte limit", source: path)
        }
        out.removeLast(out.count - filled)
        return out
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many levels of symbolic links"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENAMETOOLONG: return "the name is too long"
        default: return String(cString: strerror(code))
        }
    }
}
