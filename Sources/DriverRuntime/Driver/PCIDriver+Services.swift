/// The driver's state and service calls, all isolated to the driver: read them in driver code,
/// or with `await` from outside (`await driver.isRegistered`).
extension PCIDriver {
    /// The provider between `start` and `stop`.
    public var provider: (any PCIDeviceProvider)? { service.provider }
    /// Properties the driver set on its service.
    public var properties: [String: PropertyValue] { service.properties }
    /// Set once the device answered with all ones, or stop came while it was gone.
    @inlinable public var isDeviceGone: Bool { service.isDeviceGone }
    /// Whether `registerService()` was called since start.
    public var isRegistered: Bool { service.isRegistered }
    /// Between `pause()` and `resume()`: the driver must not touch the device.
    @inlinable public var isPaused: Bool { service.isPaused }
    /// One interrupt dispatch source per vector, from `start` to `stop`.
    public var interruptSources: [InterruptDispatchSource] { service.interruptSources }
    /// Whether start configured the device's interrupts. Every driver has it: false before
    /// start, after stop, and when the spec marks interrupts optional and the device offered none.
    public var interruptsConfigured: Bool { service.interruptsConfigured }

    /// Sets a property on the driver's service (`SetProperties`).
    public func setProperty(_ key: String, _ value: PropertyValue) {
        service.setProperty(key, value)
    }

    /// Makes the service visible to clients (`RegisterService`).
    public func registerService() {
        service.registerService()
    }

    /// Checks a value read from the device: all ones means the device is gone. The first time,
    /// `isDeviceGone` becomes true, awaited completions fail with `.noDevice`, and
    /// `deviceDidDisappear()` runs.
    @discardableResult @inlinable
    public func checkPresence<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value) -> Bool {
        guard value == Value.max else { return true }  // every status read of every handler: inlined
        deviceAnsweredAllOnes()
        return false
    }

    /// The device is gone: the first time, record it, fail the waits and tell the driver.
    @usableFromInline func deviceAnsweredAllOnes() {
        guard !service.isDeviceGone else { return }
        service.isDeviceGone = true
        service.failWaits(.noDevice)
        deviceDidDisappear()
    }

    /// The system pauses the device (hosts call it): `isPaused` becomes true, then `willPause()` runs.
    public func pause() {
        service.isPaused = true
        willPause()
    }

    /// The system resumes the device (hosts call it): `isPaused` becomes false, then `didResume()` runs.
    public func resume() {
        service.isPaused = false
        didResume()
    }

    /// Runs `body` isolated to the driver: from a test or a host, one awaited step that reads
    /// and writes the driver's state (and registers) together.
    ///
    /// ```swift
    /// let before = await edu.run { edu in
    ///     edu.mmio.interruptRaise.write { $0.dma = true }
    ///     return edu.completedTransfers
    /// }
    /// print("transfers before the raised interrupt was handled: \(before)")
    /// ```
    public func run<Result: Sendable, Failure: Error>(_ body: @Sendable (isolated Self) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(self)
    }
}
