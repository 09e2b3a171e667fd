/// Marks what a register handle may do. Generated code picks the marker from the fields'
/// access kinds, so an illegal access does not compile.
public protocol RegisterAccess {}

/// The register can be read: the handle has `read()`.
public protocol ReadableRegisterAccess: RegisterAccess {}

/// The register can be written: the handle has `write`.
public protocol WritableRegisterAccess: RegisterAccess {}

/// Some field can be read and some can be written: `read`, `write` and `modify`.
public enum ReadWrite: ReadableRegisterAccess, WritableRegisterAccess {}

/// No field can be written: `read()` only.
public enum ReadOnly: ReadableRegisterAccess {}

/// No field can be read: `write` only.
public enum WriteOnly: WritableRegisterAccess {}
