/// The calling convention of ICU and of the C shims: the function writes into a buffer and returns the length
/// it needed (negative on error). One helper grows the buffer until the result fits.
enum ICUBuffer {
    /// Calls `call(input, output)` with an output buffer of `capacity` elements, again with a bigger one when
    /// the needed length exceeds it. Nil when the call reports an error.
    static func run<In, Out: FixedWidthInteger>(
        _ input: [In], capacity: Int, _ call: (UnsafeBufferPointer<In>, UnsafeMutableBufferPointer<Out>) -> Int32
    ) -> [Out]? {
        var capacity = capacity
        for _ in 0..<4 {
            var output = [Out](repeating: 0, count: capacity)
            let needed = input.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in call(src, dst) }
            }
            if needed < 0 { return nil }
            if Int(needed) <= capacity { return Array(output[0..<Int(needed)]) }
            capacity = Int(needed) + 16
        }
        return nil
    }
}
