// The register core is part of the runtime's API: `import DriverRuntime` brings it along.
@_exported import RegisterCore
