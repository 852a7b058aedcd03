import Dispatch
import Foundation
import ParallaxModel

/// Runs the article pipeline over many files on all cores, keeping input order, turning each failure into
/// a recorded `ParallaxError` so that one bad document never fails the batch.
public struct Batch: Sendable {
    public var pipeline: ArticlePipeline
    public var reader = DocumentReader()
    public var jobs = ProcessInfo.processInfo.activeProcessorCount

    public init(pipeline: ArticlePipeline) { self.pipeline = pipeline }

    public enum Outcome: Sendable {
        case article(Article)
        case failure(ParallaxError)
    }

    /// Analyses `files` in order; `progress` is called (serially) after each file with the count done;
    /// `emit` receives each file's outcomes in input order as soon as they are ready.
    public func run(files: [String], progress: @Sendable (Int) -> Void = { _ in },
                    emit: @Sendable ([Outcome]) -> Void) {
        let results = ResultSlots(count: files.count)
        let chunk = 8
        DispatchQueue.concurrentPerform(iterations: (files.count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(files.count, (c + 1) * chunk) {
                results.set(i, analyse(files[i]))
                results.flush(emit: emit, progress: progress)
            }
        }
        results.flush(emit: emit, progress: progress)
    }

    /// Every document of one file, analysed.
    public func analyse(_ file: String) -> [Outcome] {
        let documents: [RawDocument]
        do {
            documents = try reader.read(file)
        } catch let error as ParallaxError {
            return [.failure(error)]
        } catch {
            return [.failure(ParallaxError(.unreadable, "\(error)", source: file))]
        }
        return documents.map { document in
            do {
                return .article(try pipeline.run(document))
            } catch let error as ParallaxError {
                return .failure(error)
            } catch {
                return .failure(ParallaxError(.unparsable, "\(error)", source: document.source))
            }
        }
    }
}

/// Results arriving out of order, released in order.
private final class ResultSlots: @unchecked Sendable {
    // Invariant: `slots` and `next` are only touched while holding `lock`.
    private let lock = NSLock()
    private var slots: [[Batch.Outcome]?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ outcomes: [Batch.Outcome]) {
        lock.lock()
        slots[i] = outcomes
        lock.unlock()
    }

    func flush(emit: ([Batch.Outcome]) -> Void, progress: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        while next < slots.count, let ready = slots[next] {
            emit(ready)
            slots[next] = []
            next += 1
            progress(next)
        }
    }
}
