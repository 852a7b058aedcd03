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
        run(count: files.count, progress: progress, emit: emit) { analyse(files[$0]) }
    }

    /// Analyses documents already read (by a store's driver, from a feed), in order, on all cores.
    public func run(documents: [RawDocument], progress: @Sendable (Int) -> Void = { _ in }) -> [Outcome] {
        let collected = Outcomes()
        run(count: documents.count, progress: progress, emit: { collected.append($0) }) { [analyse(documents[$0])] }
        return collected.all
    }

    private func run(count: Int, progress: @Sendable (Int) -> Void, emit: @Sendable ([Outcome]) -> Void,
                     work: @Sendable (Int) -> [Outcome]) {
        let results = ResultSlots(count: count)
        // `jobs` workers take the next item in turn, so a slow document holds up only its own worker.
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while let i = results.claim() {
                results.set(i, work(i))
                results.flush(emit: emit, progress: progress)
            }
        }
        results.flush(emit: emit, progress: progress)
    }

    /// Every document of one file, analysed.
    public func analyse(_ file: String) -> [Outcome] {
        let documents: [Result<RawDocument, ParallaxError>]
        do {
            documents = try reader.read(file)
        } catch let error as ParallaxError {
            return [.failure(error)]
        } catch {
            return [.failure(ParallaxError(.unreadable, "\(error)", source: file))]
        }
        return documents.map { read in
            switch read {
            case .success(let document): return analyse(document)
            case .failure(let error): return .failure(error)
            }
        }
    }

    /// One document analysed, or the reason it could not be.
    public func analyse(_ document: RawDocument) -> Outcome {
        do {
            return .article(try pipeline.run(document))
        } catch let error as ParallaxError {
            return .failure(error)
        } catch {
            return .failure(ParallaxError(.unparsable, "\(error)", source: document.source))
        }
    }
}

/// Outcomes gathered from the serial emit callback.
private final class Outcomes: @unchecked Sendable {
    // Invariant: appended to only from ResultSlots.flush, which holds its lock; read after the batch.
    private(set) var all: [Batch.Outcome] = []
    func append(_ outcomes: [Batch.Outcome]) { all += outcomes }
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
