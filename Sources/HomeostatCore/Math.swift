#if canImport(Glibc)
@preconcurrency public import Glibc
#elseif canImport(Musl)
@preconcurrency public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

// Thin wrappers over the C math library, so Core needs neither Foundation nor a package.
// They are `@inlinable` so hot loops in other modules inline straight to libm.

@inlinable public func _log(_ x: Double) -> Double { log(x) }
@inlinable public func _exp(_ x: Double) -> Double { exp(x) }
@inlinable public func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable public func _lgamma(_ x: Double) -> Double { lgamma(x) }
@inlinable public func _expm1(_ x: Double) -> Double { expm1(x) }
@inlinable public func _log1p(_ x: Double) -> Double { log1p(x) }
