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
        // `jobs` workers take the next file in turn, so a slow document holds up only its own worker.
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { _ in
            while let i = results.claim() {
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
    // Invariant: `slots`, `next` and `nextClaim` are only touched while holding `lock`.
    private let lock = NSLock()
    private var slots: [[Batch.Outcome]?]
    private var next = 0

    private var nextClaim = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next file index to analyse, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextClaim < slots.count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

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
