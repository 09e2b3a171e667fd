// Created by drivergen from nvme.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// NVM Express controller (QEMU nvme)
///
/// The driver: enables the controller (waiting for CSTS.RDY within CAP.TO), runs the admin queue,
/// reads the Identify data, creates an I/O queue pair whose completions arrive on MSI-X vector 1,
/// reads, writes and flushes blocks, and shuts the controller down in order (CC.SHN, CSTS.SHST).
/// Every command is a queue entry of the generated types, and every completion is awaited: the
/// completion interrupt's handler delivers it by command identifier. The same code runs on the
/// simulator (`NVMeModel`) and, through Linux VFIO, on QEMU's nvme. docs/queue-driver.md walks
/// through the admin queue as a model for any queue-based device.
///
/// ```swift
/// let nvme = attachment.driver(as: NVMeDriver.self)
/// let controller = try await nvme.identifyController()
/// try await nvme.createIOQueuePair()
/// try await nvme.write(lba: 8, blocks: 8, from: buffer)
/// ```
public actor NVMeDriver: NVMeDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "NVMeDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// Entries of each admin queue.
    public static let adminQueueEntries = 32
    /// Entries of each I/O queue.
    public static let ioQueueEntries = 64
    /// The identifier of the one I/O queue pair (the admin pair is 0).
    public static let ioQueueID = 1
    /// How long a command may take before it counts as lost.
    public static let commandTimeout: Duration = .seconds(5)
    /// The memory page size the driver sets (CC.MPS = 0) and the PRP entries point into.
    public static let pageSize = 4096

    /// The Identify Controller data, once read.
    public private(set) var controller: NVMe.IdentifyController?
    /// The Identify Namespace data of namespace 1, once read.
    public private(set) var namespace: NVMe.IdentifyNamespace?
    /// Bytes per block of namespace 1 (from its LBA format), once identified.
    public private(set) var blockSize = 512
    /// Commands completed, admin and I/O.
    public private(set) var completedCommands = 0
    /// Interrupts handled on the admin completion queue's vector (0) and the I/O queue's (1).
    public private(set) var completionInterrupts = [0, 0]
    /// Whether the last `shutDown` saw CSTS.SHST report the shutdown complete.
    public private(set) var isShutDown = false

    private var adminSubmission: NVMe.AdminSubmissionQueue?
    private var adminCompletion: NVMe.AdminCompletionQueue?
    private var ioSubmission: NVMe.IoSubmissionQueue?
    private var ioCompletion: NVMe.IoCompletionQueue?
    /// Queue memory and buffers of commands that never completed: released at stop.
    private var ownedBuffers: [DMABuffer] = []
    private var lastCommandID: UInt16 = 0
    /// Completions, by command identifier, delivered by the interrupt handlers.
    private let adminResults = Completions<UInt16, NVMe.CompletionEntry>()
    private let ioResults = Completions<UInt16, NVMe.CompletionEntry>()

    public func didStart() async throws(PCIError) {
        try await enableController()
    }

    public func willStop() async {
        if !isDeviceGone && !isPaused && registers.status.read().ready {
            try? await shutDown()
        }
        for buffer in ownedBuffers { buffer.release() }
        ownedBuffers.removeAll()
        adminSubmission = nil
        adminCompletion = nil
        ioSubmission = nil
        ioCompletion = nil
    }

    // MARK: Enable and shut down

    /// How long CSTS.RDY may take to follow CC.EN: CAP.TO, in 500 ms units.
    public var readyTimeout: Duration {
        .milliseconds(500 * max(Int(registers.capabilities.read().timeout), 1))
    }

    /// Resets the controller (CC.EN = 0, waiting for CSTS.RDY to clear), gives it new admin
    /// queues, enables it and waits for CSTS.RDY, within CAP.TO each time.
    public func enableController() async throws(PCIError) {
        isShutDown = false
        let capabilities = registers.capabilities.read()
        guard checkPresence(capabilities.rawValue) else { throw .noDevice }
        let timeout = readyTimeout
        if registers.configuration.read().enable {
            registers.configuration.modify { $0.enable = false }
        }
        try await wait(for: "the controller to reset (CSTS.RDY to clear)", timeout: timeout) {
            let status = registers.status.read()
            return checkPresence(status.rawValue) && !status.ready
        }
        let entries = min(Self.adminQueueEntries, Int(capabilities.maximumQueueEntries) + 1)
        let submissionMemory = try keep(allocateDMABuffer(length: entries * NVMe.SubmissionEntry.size, direction: .toDevice))
        let completionMemory = try keep(allocateDMABuffer(length: entries * NVMe.CompletionEntry.size, direction: .fromDevice))
        adminSubmission = try NVMe.AdminSubmissionQueue(queue: 0, buffer: submissionMemory, count: entries, registers: registers)
        adminCompletion = try NVMe.AdminCompletionQueue(queue: 0, buffer: completionMemory, count: entries, registers: registers)
        registers.adminQueueAttributes.write {
            $0.submissionQueueSize = UInt32(entries - 1)
            $0.completionQueueSize = UInt32(entries - 1)
        }
        registers.adminSubmissionQueueBase.write { $0.value = submissionMemory.deviceAddress }
        registers.adminCompletionQueueBase.write { $0.value = completionMemory.deviceAddress }
        registers.configuration.write {
            $0.commandSet = .nvm
            $0.memoryPageSize = 0  // 4 KiB
            $0.arbitration = .roundRobin
            $0.submissionEntrySize = 6  // 64 bytes
            $0.completionEntrySize = 4  // 16 bytes
            $0.enable = true
        }
        try await wait(for: "the controller to become ready (CSTS.RDY)", timeout: timeout) {
            let status = registers.status.read()
            return checkPresence(status.rawValue) && (status.ready || status.fatalStatus)
        }
        if registers.status.read().fatalStatus { throw .driverFailed("the controller reports a fatal status (CSTS.CFS) after enabling") }
    }

    /// Deletes the I/O queues, then asks for a normal shutdown (CC.SHN) and waits for CSTS.SHST
    /// to say it is complete.
    public func shutDown(timeout: Duration = .seconds(5)) async throws(PCIError) {
        if ioSubmission != nil {
            try await deleteIOQueuePair()
        }
        registers.configuration.modify { $0.shutdownNotification = .normal }
        try await wait(for: "the controller to shut down (CSTS.SHST)", timeout: timeout) {
            let status = registers.status.read()
            return checkPresence(status.rawValue) && status.shutdownStatus == .complete
        }
        isShutDown = true
    }

    // MARK: Admin commands

    /// Identify Controller: the controller's serial and model numbers, limits and features.
    public func identifyController() async throws(PCIError) -> NVMe.IdentifyController {
        let data = try allocateDMABuffer(length: NVMe.IdentifyController.size, direction: .fromDevice)
        try await submitAdmin("Identify Controller", dataBuffer: data) { entry in
            entry.admin.opcode = .identify
            entry.identify.structure = .controller
            entry.prp1 = data.deviceAddress
        }
        let identify = data.load(NVMe.IdentifyController.self, at: 0)
        data.release()
        controller = identify
        return identify
    }

    /// Identify Namespace: namespace `id`'s size and block formats; sets `blockSize`.
    public func identifyNamespace(_ id: UInt32 = 1) async throws(PCIError) -> NVMe.IdentifyNamespace {
        let data = try allocateDMABuffer(length: NVMe.IdentifyNamespace.size, direction: .fromDevice)
        try await submitAdmin("Identify Namespace \(id)", dataBuffer: data) { entry in
            entry.admin.opcode = .identify
            entry.identify.structure = .namespace
            entry.namespaceID = id
            entry.prp1 = data.deviceAddress
        }
        let identify = data.load(NVMe.IdentifyNamespace.self, at: 0)
        data.release()
        let format = identify[lbaFormats: Int(identify.formattedLBASize)]
        blockSize = 1 << Int(format.dataSize)
        namespace = identify
        return identify
    }

    /// Creates I/O completion queue 1 (its interrupts on MSI-X vector 1), then I/O submission
    /// queue 1 feeding it.
    public func createIOQueuePair(entries: Int = ioQueueEntries) async throws(PCIError) {
        let completionMemory = try keep(allocateDMABuffer(length: entries * NVMe.CompletionEntry.size, direction: .fromDevice))
        let submissionMemory = try keep(allocateDMABuffer(length: entries * NVMe.SubmissionEntry.size, direction: .toDevice))
        ioCompletion = try NVMe.IoCompletionQueue(queue: Self.ioQueueID, buffer: completionMemory, count: entries, registers: registers)
        try await submitAdmin("Create I/O Completion Queue") { entry in
            entry.admin.opcode = .createIOCompletionQueue
            entry.prp1 = completionMemory.deviceAddress
            entry.createCompletionQueue.queueID = UInt16(Self.ioQueueID)
            entry.createCompletionQueue.queueSize = UInt16(entries - 1)
            entry.createCompletionQueue.physicallyContiguous = true
            entry.createCompletionQueue.interruptsEnabled = true
            entry.createCompletionQueue.interruptVector = 1
        }
        try await submitAdmin("Create I/O Submission Queue") { entry in
            entry.admin.opcode = .createIOSubmissionQueue
            entry.prp1 = submissionMemory.deviceAddress
            entry.createSubmissionQueue.queueID = UInt16(Self.ioQueueID)
            entry.createSubmissionQueue.queueSize = UInt16(entries - 1)
            entry.createSubmissionQueue.physicallyContiguous = true
            entry.createSubmissionQueue.priority = .medium
            entry.createSubmissionQueue.completionQueueID = UInt16(Self.ioQueueID)
        }
        ioSubmission = try NVMe.IoSubmissionQueue(queue: Self.ioQueueID, buffer: submissionMemory, count: entries, registers: registers)
    }

    /// Deletes I/O submission queue 1, then completion queue 1.
    public func deleteIOQueuePair() async throws(PCIError) {
        try await submitAdmin("Delete I/O Submission Queue") { entry in
            entry.admin.opcode = .deleteIOSubmissionQueue
            entry.deleteQueue.queueID = UInt16(Self.ioQueueID)
        }
        ioSubmission = nil
        try await submitAdmin("Delete I/O Completion Queue") { entry in
            entry.admin.opcode = .deleteIOCompletionQueue
            entry.deleteQueue.queueID = UInt16(Self.ioQueueID)
        }
        ioCompletion = nil
    }

    // MARK: I/O commands

    /// Reads `blocks` blocks from `lba` into `buffer` at `offset` (at most two memory pages).
    public func read(lba: UInt64, blocks: Int, into buffer: DMABuffer, offset: Int = 0) async throws(PCIError) {
        try await transfer(.read, lba: lba, blocks: blocks, buffer: buffer, offset: offset)
    }

    /// Writes `blocks` blocks to `lba` from `buffer` at `offset` (at most two memory pages).
    public func write(lba: UInt64, blocks: Int, from buffer: DMABuffer, offset: Int = 0) async throws(PCIError) {
        try await transfer(.write, lba: lba, blocks: blocks, buffer: buffer, offset: offset)
    }

    /// Makes what was written durable (Flush).
    public func flush() async throws(PCIError) {
        try await submitIO("Flush") { entry in
            entry.io.opcode = .flush
            entry.namespaceID = 1
        }
    }

    private func transfer(
        _ opcode: NVMe.SubmissionEntry.IoOpcode, lba: UInt64, blocks: Int, buffer: DMABuffer, offset: Int
    ) async throws(PCIError) {
        let length = blocks * blockSize
        guard blocks >= 1, blocks <= 1 << 16, offset >= 0, offset + length <= buffer.length else {
            throw .driverFailed("\(blocks) blocks of \(blockSize) bytes at offset \(offset) do not fit the \(buffer.length)-byte buffer")
        }
        let (first, second) = try Self.dataPointers(buffer.deviceAddress(at: offset), length: length)
        try await submitIO(opcode == .read ? "Read of LBA \(lba)" : "Write of LBA \(lba)") { entry in
            entry.io.opcode = opcode
            entry.namespaceID = 1
            entry.prp1 = first
            entry.prp2 = second
            entry.readWrite.startingLBA = lba
            entry.readWrite.blockCount = UInt16(blocks - 1)
        }
    }

    /// PRP1 and PRP2 for `length` bytes from `address`: the second is the next page when the
    /// data crosses one page boundary. More needs a PRP list, which this driver does not build.
    public static func dataPointers(_ address: UInt64, length: Int) throws(PCIError) -> (UInt64, UInt64) {
        let page = UInt64(pageSize)
        let firstPageBytes = Int(page - address % page)
        if length <= firstPageBytes { return (address, 0) }
        guard length - firstPageBytes <= pageSize else {
            throw .driverFailed("\(length) bytes from 0x\(String(address, radix: 16)) span more than two pages; this driver builds no PRP lists")
        }
        return (address, (address / page + 1) * page)
    }

    // MARK: Queues

    /// Pushes an admin command, rings the doorbell and awaits its completion.
    @discardableResult
    private func submitAdmin(
        _ what: String, dataBuffer: DMABuffer? = nil, _ fill: (inout NVMe.SubmissionEntry) -> Void
    ) async throws(PCIError) -> NVMe.CompletionEntry {
        guard var ring = adminSubmission else { throw .noDevice }
        let id = newCommandID()
        try ring.push { entry in
            fill(&entry)
            entry.commandID = id
        }
        ring.ringDoorbell()
        adminSubmission = ring
        return try await awaitCompletion(what, id: id, in: adminResults, dataBuffer: dataBuffer)
    }

    /// Pushes an I/O command on queue 1, rings its doorbell and awaits its completion.
    @discardableResult
    private func submitIO(_ what: String, _ fill: (inout NVMe.SubmissionEntry) -> Void) async throws(PCIError) -> NVMe.CompletionEntry {
        guard var ring = ioSubmission else { throw .driverFailed("no I/O queue: call createIOQueuePair() first") }
        let id = newCommandID()
        try ring.push { entry in
            fill(&entry)
            entry.commandID = id
        }
        ring.ringDoorbell()
        ioSubmission = ring
        return try await awaitCompletion(what, id: id, in: ioResults, dataBuffer: nil)
    }

    private func awaitCompletion(
        _ what: String, id: UInt16, in results: Completions<UInt16, NVMe.CompletionEntry>, dataBuffer: DMABuffer?
    ) async throws(PCIError) -> NVMe.CompletionEntry {
        let entry: NVMe.CompletionEntry
        do {
            entry = try await completion(of: id, in: results, timeout: Self.commandTimeout)
        } catch {
            // The device may still write the data: keep the buffer until stop.
            if let dataBuffer { ownedBuffers.append(dataBuffer) }
            throw error
        }
        guard entry.statusCodeType == .generic && entry.statusCode == 0 else {
            dataBuffer?.release()
            throw .driverFailed("\(what) failed: status code type \(entry.statusCodeType), status code 0x\(String(entry.statusCode, radix: 16))")
        }
        return entry
    }

    private func newCommandID() -> UInt16 {
        lastCommandID &+= 1
        return lastCommandID
    }

    private func keep(_ buffer: DMABuffer) -> DMABuffer {
        ownedBuffers.append(buffer)
        return buffer
    }

    // MARK: Interrupts

    /// The admin completion queue has new entries.
    public func handleAdminCompletionInterrupt(count: UInt64, time: DriverInstant) {
        completionInterrupts[0] += 1
        takeCompletions(from: &adminCompletion, freeing: &adminSubmission, into: adminResults)
    }

    /// The I/O completion queue has new entries.
    public func handleIoCompletionInterrupt(count: UInt64, time: DriverInstant) {
        completionInterrupts[1] += 1
        takeCompletions(from: &ioCompletion, freeing: &ioSubmission, into: ioResults)
    }

    /// Takes every new entry of a completion queue (its phase tag says which are new), frees
    /// the submission slots the controller has consumed, delivers each to whoever awaits its
    /// command, and writes the new head to the doorbell.
    private func takeCompletions<Completion: ReadinessRingLayout, Submission: RingLayout>(
        from completions: inout ConsumerRing<Completion>?, freeing submissions: inout ProducerRing<Submission>?,
        into results: Completions<UInt16, NVMe.CompletionEntry>
    ) where Completion.Entry == NVMe.CompletionEntry {
        guard var ring = completions else { return }
        let taken = ring.takeReady { entry, _ in
            if let size = submissions?.count { submissions?.deviceConsumed(upTo: Int(entry.submissionQueueHead) % size) }
            results.complete(entry.commandID, with: entry)
        }
        if taken > 0 { ring.ringDoorbell() }
        completedCommands += taken
        completions = ring
    }
}
